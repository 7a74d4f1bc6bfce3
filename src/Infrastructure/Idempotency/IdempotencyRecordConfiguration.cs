using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PolicyApi.Infrastructure.Persistence.Configurations;

namespace PolicyApi.Infrastructure.Idempotency;

internal sealed class IdempotencyRecordConfiguration() : TableConfiguration<IdempotencyRecord>("idempotency_keys")
{
    protected override void ConfigureTable(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.HasKey(r => new { r.Caller, r.Key });
        builder.Property(r => r.Caller).HasMaxLength(64);
        builder.Property(r => r.Key).HasMaxLength(IdempotencyStore.MaxKeyLength);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.Property(r => r.ContentType).HasMaxLength(200);
        builder.Property(r => r.Location).HasMaxLength(2000);
        builder.Property(r => r.ETag).HasMaxLength(200).HasColumnName("etag");
        builder.HasIndex(r => r.ExpiresAt);
    }
}
