using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PolicyApi.Infrastructure.Persistence.Configurations;

namespace PolicyApi.Infrastructure.ChangeFeed;

internal sealed class ChangeRecordConfiguration() : TableConfiguration<ChangeRecord>("changes")
{
    protected override void ConfigureTable(EntityTypeBuilder<ChangeRecord> builder)
    {
        builder.HasIdentityKey(c => c.Sequence);
        builder.HasIndex(c => c.At);
    }
}

internal sealed class ChangeFeedHorizonConfiguration() : TableConfiguration<ChangeFeedHorizon>("change_feed_horizon")
{
    protected override void ConfigureTable(EntityTypeBuilder<ChangeFeedHorizon> builder) => builder.HasAssignedKey(h => h.Id);
}
