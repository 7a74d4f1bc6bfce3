using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore.Storage;
using PolicyApi.Infrastructure.Auditing;

namespace PolicyApi.Infrastructure.Webhooks;

/// <summary>
/// The outbox's way in. Events are added to a DbContext and written by its next SaveChanges, which must run inside
/// a transaction: the audit interceptor then writes each event with one delivery per matching subscription, under
/// the audit chain's lock (held to commit), so the deliveries' ids — the order a subscription is sent them in —
/// follow commit order. Nothing is sent before the transaction commits: the dispatcher only sees committed rows.
/// An event no subscription matches is not kept.
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

        // Few subscriptions exist (tens): read them all and match here rather than build a query per event.
        var subscriptions = await context.Set<WebhookSubscription>().AsNoTracking()
            .Select(s => new { s.Id, s.EventTypes, s.DocumentId, s.UnitId })
            .OrderBy(s => s.Id)
            .ToListAsync(cancellationToken);
        var deliveries = new List<WebhookDelivery>();
        foreach (var outboxEvent in pending.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id))
        {
            var matched = subscriptions
                .Where(s => s.EventTypes.Contains(outboxEvent.Type, StringComparer.Ordinal)
                    && (s.DocumentId is null || s.DocumentId == outboxEvent.DocumentId)
                    && (s.UnitId is null || s.UnitId == outboxEvent.UnitId))
                .Select(s => new WebhookDelivery(s.Id, outboxEvent.Id, at))
                .ToList();
            outboxEvent.FannedOut = true;
            if (matched.Count == 0)
            {
                context.Entry(outboxEvent).State = EntityState.Detached; // nobody listens: nothing to keep
                continue;
            }

            deliveries.AddRange(matched);
        }

        if (deliveries.Count == 0)
        {
            return;
        }

        // Under the chain's lock (held to commit) the deliveries' ids, given out at insert, follow commit order.
        var transaction = context.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Events must be saved inside a transaction: they commit or roll back with the change they tell of.");
        await using (var command = context.Database.GetDbConnection().CreateCommand())
        {
            command.Transaction = transaction.GetDbTransaction();
            command.CommandText = $"SELECT pg_advisory_xact_lock({AuditChain.LockId})";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        context.AddRange(deliveries);
    }
}
