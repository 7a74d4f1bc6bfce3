using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PolicyApi.Infrastructure.Persistence.Configurations;

namespace PolicyApi.Infrastructure.Webhooks;

internal sealed class WebhookSubscriptionConfiguration() : VersionedEntityConfiguration<WebhookSubscription>("webhook_subscriptions")
{
    protected override void ConfigureEntity(EntityTypeBuilder<WebhookSubscription> builder)
    {
        builder.Property(s => s.Url).HasMaxLength(2000);
        builder.Property(s => s.Description).HasMaxLength(200);
        builder.Property(s => s.Owner).HasMaxLength(240);
        builder.Property(s => s.CreatedBy).HasMaxLength(200);
        builder.HasIndex(s => s.Owner);
    }
}

internal sealed class OutboxEventConfiguration() : TableConfiguration<OutboxEvent>("outbox_events")
{
    protected override void ConfigureTable(EntityTypeBuilder<OutboxEvent> builder)
    {
        builder.HasAssignedKey(e => e.Id);
        builder.Property(e => e.Type).HasMaxLength(60);
        builder.Property(e => e.Payload).HasColumnType("jsonb");
        builder.Property(e => e.Summary).HasMaxLength(1000);
        builder.Ignore(e => e.FannedOut);
        builder.HasIndex(e => e.OccurredAt);
    }
}

internal sealed class WebhookDeliveryConfiguration() : TableConfiguration<WebhookDelivery>("webhook_deliveries")
{
    protected override void ConfigureTable(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.HasIdentityKey(d => d.Id);
        builder.Property(d => d.LastError).HasMaxLength(500);
        builder.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<OutboxEvent>().WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);

        // The dispatcher's claim: the pending deliveries due, and each subscription's first pending one.
        builder.HasIndex(d => new { d.SubscriptionId, d.Id }).HasFilter("status = 'Pending'").HasDatabaseName("ix_webhook_deliveries_pending_by_subscription");
        builder.HasIndex(d => d.NextAttemptAt).HasFilter("status = 'Pending'").HasDatabaseName("ix_webhook_deliveries_pending_due");
        builder.HasIndex(d => new { d.SubscriptionId, d.CreatedAt });
    }
}

internal sealed class WebhookAttemptConfiguration() : TableConfiguration<WebhookAttempt>("webhook_attempts")
{
    protected override void ConfigureTable(EntityTypeBuilder<WebhookAttempt> builder)
    {
        builder.HasIdentityKey(a => a.Id);
        builder.Property(a => a.Error).HasMaxLength(500);
        builder.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
    }
}
