using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PolicyApi.Infrastructure.Idempotency;
using PolicyApi.Domain.Importing;

namespace PolicyApi.Infrastructure.Auditing;

/// <summary>
/// Adds an audit entry for every entity created, changed or deleted, and the change feed's record of each resource
/// it changes, to the same SaveChanges — and so the same transaction — as the change itself: the change and its
/// records commit or roll back together. Both are written under the audit chain's lock, held until commit, so the
/// feed's sequence follows commit order. The webhook events the change makes (and any a job added) go to the outbox
/// in the same SaveChanges, fanned out to their subscriptions under the same lock (<see cref="Webhooks.EventOutbox"/>).
/// </summary>
public sealed class AuditInterceptor(IAuditContext audit, TimeProvider clock, AuditSeal seal) : SaveChangesInterceptor
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // Large or technical values that do not belong in the log: the imported text and its draft.
    // A webhook subscription's secret stays out of the log even encrypted.
    private static readonly HashSet<string> Omitted = [nameof(DocumentImport.Text), nameof(DocumentImport.DraftJson), nameof(Webhooks.WebhookSubscription.ProtectedSecret)];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context)
        {
            var (entries, changes, changed) = Record(context);
            AuditChain.Append(context, seal, entries);
            context.AddRange(changes);
            var at = Microseconds(clock.GetUtcNow());
            // Sync SaveChanges is not used by the service; the events are read with the same queries, waited for.
            var events = changed.Count == 0 ? [] : Webhooks.WebhookEventRecorder.FromAsync(context, changed, at, CancellationToken.None).GetAwaiter().GetResult();
            Webhooks.EventOutbox.FanOutAsync(context, events, at, CancellationToken.None).GetAwaiter().GetResult();
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context)
        {
            var (entries, changes, changed) = Record(context);
            await AuditChain.AppendAsync(context, seal, entries, cancellationToken);
            context.AddRange(changes);
            var at = Microseconds(clock.GetUtcNow());
            var events = changed.Count == 0 ? [] : await Webhooks.WebhookEventRecorder.FromAsync(context, changed, at, cancellationToken);
            await Webhooks.EventOutbox.FanOutAsync(context, events, at, cancellationToken);
        }

        return result;
    }

    /// <summary>An entry for each entity the SaveChanges will create, change or delete; a feed record for each resource.</summary>
    private (List<AuditEntry> Entries, IReadOnlyList<ChangeFeed.ChangeRecord> Changes, List<EntityEntry> Changed) Record(DbContext context)
    {
        context.ChangeTracker.DetectChanges();
        var changes = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Where(e => e.Entity is not AuditEntry and not IdempotencyRecord and not ChangeFeed.ChangeRecord and not Attachments.AttachmentContent
                and not Webhooks.OutboxEvent and not Webhooks.WebhookDelivery and not Webhooks.WebhookAttempt and not Supervision.ObligationReminder and not Supervision.TargetStatusRecord)
            .ToList();
        var actor = audit.Current;
        var now = clock.GetUtcNow();
        var feed = changes.Count == 0 ? [] : ChangeFeed.ChangeFeedRecorder.From(changes, [.. context.ChangeTracker.Entries()], now.AddTicks(-(now.Ticks % 10)));
        return ([.. changes.Select(change => AuditEntry.By(actor, now,
            change.State switch { EntityState.Added => "created", EntityState.Deleted => "deleted", _ => "updated" },
            "succeeded",
            entity: change.Metadata.ClrType.Name,
            entityId: KeyOf(change),
            before: change.State == EntityState.Added ? null : Snapshot(change, original: true),
            after: change.State == EntityState.Deleted ? null : Snapshot(change, original: false)))], feed, changes);
    }

    private static DateTimeOffset Microseconds(DateTimeOffset at) => at.AddTicks(-(at.Ticks % 10));

    private static string KeyOf(EntityEntry entry) =>
        string.Join(',', entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture)));

    private static string Snapshot(EntityEntry entry, bool original)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            if (Omitted.Contains(property.Metadata.Name))
            {
                continue;
            }

            values[JsonNamingPolicy.CamelCase.ConvertName(property.Metadata.Name)] = original ? property.OriginalValue : property.CurrentValue;
        }

        return JsonSerializer.Serialize(values, Json);
    }
}
