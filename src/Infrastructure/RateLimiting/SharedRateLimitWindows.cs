using Npgsql;

namespace PolicyApi.Infrastructure.RateLimiting;

/// <summary>
/// The per-client request windows every replica of the service counts in, kept in PostgreSQL (an unlogged table:
/// counters are not worth WAL, and a crash or failover only forgets the current minute). A replica claims permits in
/// blocks and spends them locally, so the database sees one statement per block, not one per request.
/// </summary>
public sealed partial class SharedRateLimitWindows(
    [Microsoft.Extensions.DependencyInjection.FromKeyedServices(SharedRateLimitWindows.DataSourceKey)] NpgsqlDataSource dataSource, ILogger<SharedRateLimitWindows> logger)
{
    public const string DataSourceKey = "rate-limits";

    /// <summary>
    /// Claims up to <paramref name="block"/> permits of <paramref name="limit"/> in the window of
    /// <paramref name="policy"/> that starts at <paramref name="windowStart"/>; returns how many it got (0: exhausted).
    /// A database that cannot answer grants the block: a rate limit must not turn an outage into 429s.
    /// </summary>
    public async Task<int> ClaimAsync(string policy, DateTimeOffset windowStart, int block, int limit, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand(
                """
                INSERT INTO policy.rate_limit_windows AS w (policy, window_start, used) VALUES ($1, $2, $3)
                ON CONFLICT (policy, window_start) DO UPDATE SET used = w.used + excluded.used
                RETURNING used
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = policy });
            command.Parameters.Add(new NpgsqlParameter { Value = windowStart.ToUniversalTime() });
            command.Parameters.Add(new NpgsqlParameter { Value = block });
            var used = (int)(await command.ExecuteScalarAsync(cancellationToken))!;
            return Math.Clamp(limit - (used - block), 0, block);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            LogUnavailable(logger, e);
            return block;
        }
    }

    /// <summary>Forgets windows that ended before <paramref name="before"/>.</summary>
    public async Task PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand("DELETE FROM policy.rate_limit_windows WHERE window_start < $1");
            command.Parameters.Add(new NpgsqlParameter { Value = before.ToUniversalTime() });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            LogUnavailable(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The shared rate-limit windows could not be read; permits were granted locally.")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}

/// <summary>Every few minutes, forgets the windows that ended (any replica may; the delete is idempotent).</summary>
public sealed class RateLimitWindowPurge(
    Microsoft.Extensions.DependencyInjection.IServiceScopeFactory scopes, TimeProvider time, ILogger<RateLimitWindowPurge> logger)
    : Hosting.PeriodicJob(scopes, logger, new(TimeSpan.FromMinutes(5)))
{
    protected override async Task<string?> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<SharedRateLimitWindows>(services)
            .PurgeAsync(time.GetUtcNow() - TimeSpan.FromMinutes(2), cancellationToken);
        return null;
    }
}
