using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PolicyApi.Domain.Supervision;
using PolicyApi.Infrastructure.Persistence.Configurations;

namespace PolicyApi.Infrastructure.Supervision;

/// <summary>A target's attainment status as last checked: a change from it raises target.statusChanged.</summary>
public sealed class TargetStatusRecord(Guid targetId, AttainmentStatus status, DateTimeOffset checkedAt)
{
    public Guid TargetId { get; private set; } = targetId;

    public AttainmentStatus Status { get; private set; } = status;

    public DateTimeOffset CheckedAt { get; private set; } = checkedAt;

    /// <summary>Records what the check saw; true when it differs from what was seen before.</summary>
    public bool Saw(AttainmentStatus status, DateTimeOffset at)
    {
        var changed = status != Status;
        Status = status;
        CheckedAt = at;
        return changed;
    }
}

internal sealed class TargetStatusRecordConfiguration() : TableConfiguration<TargetStatusRecord>("target_statuses")
{
    protected override void ConfigureTable(EntityTypeBuilder<TargetStatusRecord> builder)
    {
        builder.HasAssignedKey(r => r.TargetId);
        builder.HasOne<Domain.Targets.Target>().WithOne().HasForeignKey<TargetStatusRecord>(r => r.TargetId).OnDelete(DeleteBehavior.Cascade);
    }
}
