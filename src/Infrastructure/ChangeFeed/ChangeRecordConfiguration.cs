using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PolicyApi.Infrastructure.ChangeFeed;

internal sealed class ChangeRecordConfiguration : IEntityTypeConfiguration<ChangeRecord>
{
    public void Configure(EntityTypeBuilder<ChangeRecord> builder)
    {
        builder.ToTable("changes");
        builder.HasKey(c => c.Sequence);
        builder.Property(c => c.Sequence).UseIdentityAlwaysColumn();
        builder.HasIndex(c => c.At);
    }
}

internal sealed class ChangeFeedHorizonConfiguration : IEntityTypeConfiguration<ChangeFeedHorizon>
{
    public void Configure(EntityTypeBuilder<ChangeFeedHorizon> builder)
    {
        builder.ToTable("change_feed_horizon");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever();
    }
}
