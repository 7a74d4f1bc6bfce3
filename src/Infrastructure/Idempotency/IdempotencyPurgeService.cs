using PolicyApi.Infrastructure.Hosting;

namespace PolicyApi.Infrastructure.Idempotency;

/// <summary>Deletes idempotency keys older than their 24-hour retention, once an hour.</summary>
public sealed class IdempotencyPurgeService(IServiceScopeFactory scopes, ILogger<IdempotencyPurgeService> logger) : PeriodicJob(scopes, logger, new(TimeSpan.FromHours(1)))
{
    protected override async Task<string?> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var purged = await services.GetRequiredService<IdempotencyStore>().PurgeExpiredAsync(cancellationToken);
        return purged > 0 ? $"purged {purged} expired idempotency key(s)" : null;
    }
}
