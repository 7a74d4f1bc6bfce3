using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using PolicyApi.Infrastructure.Persistence;

namespace PolicyApi.Infrastructure.Webhooks;

/// <summary>
/// Sends the next delivery due, if any: claims it with <c>FOR UPDATE SKIP LOCKED</c> (so no two replicas or workers
/// send it at once; the lock is held through the attempt), only when it is its subscription's first pending one (so
/// a subscription's events arrive in order), sends it, and records the attempt — success, or the next try on the
/// exponential schedule, or, past <see cref="WebhookOptions.GiveUpAfter"/>, given up with the subscription marked
/// failing. A crash mid-attempt rolls the claim back: the delivery is sent again (at least once).
/// </summary>
public sealed class WebhookDeliveryRunner(PolicyDbContext db, WebhookSender sender, TimeProvider clock, IOptions<WebhookOptions> options)
{
    /// <summary>Sends one delivery; false when none was due.</summary>
    public Task<bool> DeliverNextAsync(CancellationToken cancellationToken) =>
        // A transient database failure retries the whole claim; a send it interrupted is sent again (at least once).
        db.Database.CreateExecutionStrategy().ExecuteAsync(ClaimAndSendAsync, cancellationToken);

    private async Task<bool> ClaimAndSendAsync(CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.WebhookDeliveries.FromSql(
                $"""
                SELECT d.* FROM policy.webhook_deliveries d
                WHERE d.status = 'Pending' AND d.next_attempt_at <= {now}
                  AND NOT EXISTS (SELECT 1 FROM policy.webhook_deliveries e
                                  WHERE e.subscription_id = d.subscription_id AND e.status = 'Pending' AND e.id < d.id)
                ORDER BY d.next_attempt_at, d.id
                LIMIT 1
                FOR UPDATE OF d SKIP LOCKED
                """)
            .ToListAsync(cancellationToken);
        if (claimed is not [var delivery])
        {
            return false;
        }

        var subscription = await db.WebhookSubscriptions.AsNoTracking().SingleAsync(s => s.Id == delivery.SubscriptionId, cancellationToken);
        var outboxEvent = await db.OutboxEvents.AsNoTracking().SingleAsync(e => e.Id == delivery.EventId, cancellationToken);
        var started = clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        var result = await sender.SendAsync(subscription, outboxEvent, cancellationToken);
        var at = clock.GetUtcNow();
        db.WebhookAttempts.Add(new WebhookAttempt(delivery.Id, delivery.Attempts + 1, Microseconds(started), result.StatusCode, result.Error, (int)watch.ElapsedMilliseconds));
        if (result.Succeeded)
        {
            delivery.Succeeded(Microseconds(at), result.StatusCode ?? 200);
            if (subscription.Status == WebhookStatus.Failing)
            {
                await db.WebhookSubscriptions.Where(s => s.Id == subscription.Id && s.Status == WebhookStatus.Failing).ExecuteUpdateAsync(
                    s => s.SetProperty(x => x.Status, WebhookStatus.Active).SetProperty(x => x.FailingSince, (DateTimeOffset?)null)
                        .SetProperty(x => x.Version, x => x.Version + 1).SetProperty(x => x.UpdatedAt, Microseconds(at)),
                    cancellationToken);
            }
        }
        else
        {
            var next = NextAttempt(delivery.Attempts + 1, delivery.CreatedAt, at, options.Value);
            delivery.AttemptFailed(Microseconds(at), result.StatusCode, result.Error ?? "failed", next is { } n ? Microseconds(n) : null);
            if (next is null && subscription.Status != WebhookStatus.Failing)
            {
                await db.WebhookSubscriptions.Where(s => s.Id == subscription.Id && s.Status == WebhookStatus.Active).ExecuteUpdateAsync(
                    s => s.SetProperty(x => x.Status, WebhookStatus.Failing).SetProperty(x => x.FailingSince, Microseconds(at))
                        .SetProperty(x => x.Version, x => x.Version + 1).SetProperty(x => x.UpdatedAt, Microseconds(at)),
                    cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// When to try again after <paramref name="failedAttempts"/> failures: the base delay doubling each time, capped,
    /// and never past the give-up time (the last try is made then); null once that time has come.
    /// </summary>
    public static DateTimeOffset? NextAttempt(int failedAttempts, DateTimeOffset createdAt, DateTimeOffset now, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var giveUpAt = createdAt + options.GiveUpAfter;
        if (now >= giveUpAt)
        {
            return null;
        }

        var factor = Math.Pow(2, Math.Min(failedAttempts - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(options.RetryBaseDelay.Ticks * factor, options.RetryMaxDelay.Ticks));
        var next = now + delay;
        return next < giveUpAt ? next : giveUpAt;
    }

    private static DateTimeOffset Microseconds(DateTimeOffset at) => at.AddTicks(-(at.Ticks % 10));
}

/// <summary>Runs <see cref="WebhookDeliveryRunner"/> on a few workers: each sends what is due, then waits a poll interval.</summary>
public sealed partial class WebhookDispatcher(IServiceScopeFactory scopes, IOptions<WebhookOptions> options, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.DispatcherEnabled)
        {
            return Task.CompletedTask;
        }

        return Task.WhenAll(Enumerable.Range(0, Math.Max(1, settings.Concurrency)).Select(_ => WorkAsync(settings.PollInterval, stoppingToken)));
    }

    private async Task WorkAsync(TimeSpan poll, CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = false;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                sent = await scope.ServiceProvider.GetRequiredService<WebhookDeliveryRunner>().DeliverNextAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(logger, e);
            }

            if (!sent)
            {
                try
                {
                    await Task.Delay(poll, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending a webhook delivery failed; it stays pending and is tried again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
