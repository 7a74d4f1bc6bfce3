using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PolicyApi.Infrastructure.Auditing;

namespace PolicyApi.Infrastructure.Webhooks;

/// <summary>
/// The outbox's way in. Events are added to a DbContext and written by its next SaveChanges, which must run inside
/// a transaction: the audit interceptor then writes each event with one delivery per matching subscription, under
/// the audit chain's lock (held to commit), so the deliveries' ids — the order a subscription is sent them in —
/// follow commit order. Nothing is sent before the transaction commits: the dispatcher only sees committed rows.
/// </summary>
public static class EventOutbox
{
    /// <summary>
    /// Adds an event that is not derived from an entity's change (a reminder job's obligation.overdue): it is
    /// written, and fanned out to the subscriptions, by the context's next SaveChanges, in the caller's transaction.
    /// </summary>
    public static OutboxEvent Add(DbContext context, WebhookEventType type, DateTimeOffset occurredAt, Guid? documentId, Guid? unitId, JsonObject data, string summary)
    {
        ArgumentNullException.ThrowIfNull(context);
        var added = OutboxEvent.Create(type, occurredAt, documentId, unitId, data, summary);
        context.Add(added);
        return added;
    }

    /// <summary>Writes the recorded events, and a delivery per matching subscription for every event not yet fanned out.</summary>
    internal static async Task FanOutAsync(DbContext context, IReadOnlyList<OutboxEvent> recorded, DateTimeOffset at, CancellationToken cancellationToken)
    {
        context.AddRange(recorded);
        var pending = context.ChangeTracker.Entries<OutboxEvent>()
            .Where(e => e.State == EntityState.Added && !e.Entity.FannedOut)
            .Select(e => e.Entity)
            .ToList();
        if (pending.Count == 0)
        {
            return;
        }

        var transaction = context.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Events must be saved inside a transaction: they commit or roll back with the change they tell of.");
        await using (var command = context.Database.GetDbConnection().CreateCommand())
        {
            command.Transaction = transaction.GetDbTransaction();
            command.CommandText = $"SELECT pg_advisory_xact_lock({AuditChain.LockId})";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        // Few subscriptions exist (tens): read them all and match here rather than build a query per event.
        var subscriptions = await context.Set<WebhookSubscription>().AsNoTracking()
            .Select(s => new { s.Id, s.EventTypes, s.DocumentId, s.UnitId })
            .OrderBy(s => s.Id)
            .ToListAsync(cancellationToken);
        foreach (var outboxEvent in pending.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id))
        {
            foreach (var subscription in subscriptions)
            {
                if (subscription.EventTypes.Contains(outboxEvent.Type, StringComparer.Ordinal)
                    && (subscription.DocumentId is null || subscription.DocumentId == outboxEvent.DocumentId)
                    && (subscription.UnitId is null || subscription.UnitId == outboxEvent.UnitId))
                {
                    context.Add(new WebhookDelivery(subscription.Id, outboxEvent.Id, at));
                }
            }

            outboxEvent.FannedOut = true;
        }
    }
}
