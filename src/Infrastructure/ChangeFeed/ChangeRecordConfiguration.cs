using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PolicyApi.Infrastructure.Persistence.Configurations;

namespace PolicyApi.Infrastructure.ChangeFeed;

internal sealed class ChangeRecordConfiguration : IEntityTypeConfiguration<ChangeRecord>
{
    public void Configure(EntityTypeBuilder<ChangeRecord> builder)
    {
        builder.ToTable("changes");
        builder.HasIdentityKey(c => c.Sequence);
        builder.HasIndex(c => c.At);
    }
}

internal sealed class ChangeFeedHorizonConfiguration : IEntityTypeConfiguration<ChangeFeedHorizon>
{
    public void Configure(EntityTypeBuilder<ChangeFeedHorizon> builder)
    {
        builder.ToTable("change_feed_horizon");
        builder.HasAssignedKey(h => h.Id);
    }
}
