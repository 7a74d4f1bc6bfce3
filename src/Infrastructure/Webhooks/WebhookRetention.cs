using Microsoft.Extensions.Hosting;
using PolicyApi.Infrastructure.Persistence;

namespace PolicyApi.Infrastructure.Webhooks;

/// <summary>
/// Trims the outbox: events older than <see cref="WebhookOptions.RetentionDays"/> none of whose deliveries is still
/// pending go, with their deliveries and attempts. A pending delivery keeps its event, however old.
/// </summary>
public sealed class WebhookRetention(PolicyDbContext db, TimeProvider clock, IOptions<WebhookOptions> options)
{
    public Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow().AddDays(-Math.Max(1, options.Value.RetentionDays));
        return db.OutboxEvents
            .Where(e => e.OccurredAt < before && !db.WebhookDeliveries.Any(d => d.EventId == e.Id && d.Status == DeliveryStatus.Pending))
            .ExecuteDeleteAsync(cancellationToken);
    }
}

/// <summary>Runs <see cref="WebhookRetention"/> once an hour.</summary>
public sealed partial class WebhookRetentionService(IServiceScopeFactory scopes, ILogger<WebhookRetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var trimmed = await scope.ServiceProvider.GetRequiredService<WebhookRetention>().PurgeAsync(stoppingToken);
                LogPurged(logger, trimmed);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Trimmed {Count} webhook event(s) past the outbox's retention")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trimming the webhook outbox failed; will retry next hour")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
