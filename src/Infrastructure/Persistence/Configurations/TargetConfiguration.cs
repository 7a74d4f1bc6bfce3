using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PolicyApi.Domain.Documents;
using PolicyApi.Domain.Targets;
using PolicyApi.Domain.Units;

namespace PolicyApi.Infrastructure.Persistence.Configurations;

internal sealed class TargetConfiguration() : VersionedEntityConfiguration<Target>("targets")
{
    protected override void ConfigureEntity(EntityTypeBuilder<Target> builder)
    {
        builder.HasOne<PolicyDocument>().WithMany().HasForeignKey(t => t.DocumentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Measure>().WithMany().HasForeignKey(t => t.MeasureId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Target>().WithMany().HasForeignKey(t => t.BasedOnTargetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.DocumentId, t.Id });

        builder.HasParts(t => t.Allocations, a => a.TargetId);
        builder.HasParts(t => t.ScopeUnits, s => s.TargetId);
        builder.HasParts(t => t.Milestones, m => m.TargetId);
    }
}

internal sealed class TargetAllocationConfiguration() : TableConfiguration<TargetAllocation>("target_allocations")
{
    protected override void ConfigureTable(EntityTypeBuilder<TargetAllocation> builder) => TargetUnitRows.Configure(builder, a => new { a.TargetId, a.UnitId }, a => a.UnitId);
}

internal sealed class TargetScopeUnitConfiguration() : TableConfiguration<TargetScopeUnit>("target_scope_units")
{
    protected override void ConfigureTable(EntityTypeBuilder<TargetScopeUnit> builder) => TargetUnitRows.Configure(builder, s => new { s.TargetId, s.UnitId }, s => s.UnitId);
}

internal sealed class TargetMilestoneConfiguration() : TableConfiguration<TargetMilestone>("target_milestones")
{
    protected override void ConfigureTable(EntityTypeBuilder<TargetMilestone> builder) => builder.HasKey(m => new { m.TargetId, m.By });
}

/// <summary>A unit's row under a target (its share, or its binding by an each-unit target): one per target and unit, and a unit named in one is not deleted.</summary>
internal static class TargetUnitRows
{
    public static void Configure<T>(EntityTypeBuilder<T> builder, Expression<Func<T, object?>> key, Expression<Func<T, object?>> unitId)
        where T : class
    {
        builder.HasKey(key);
        builder.HasOne<ResponsibleUnit>().WithMany().HasForeignKey(unitId).OnDelete(DeleteBehavior.Restrict);
    }
}
