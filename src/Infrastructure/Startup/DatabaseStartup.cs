using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using PolicyApi.Infrastructure.Persistence;
using Polly;
using Polly.Retry;

namespace PolicyApi.Infrastructure.Startup;

/// <summary>
/// Waits for PostgreSQL with a bounded retry (exponential backoff with jitter, every attempt logged)
/// instead of crashing when the database starts after the API, then applies migrations if configured.
/// </summary>
public static partial class DatabaseStartup
{
    public static async Task PrepareDatabaseAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseStartup).FullName!);

        var pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(IsTransient).Handle<SocketException>().Handle<TimeoutException>(),
                MaxRetryAttempts = options.StartupRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.StartupBaseDelay,
                MaxDelay = options.StartupMaxDelay,
                OnRetry = args =>
                {
                    LogWaiting(logger, args.AttemptNumber + 1, options.StartupRetries, args.RetryDelay, args.Outcome.Exception?.Message);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

        await pipeline.ExecuteAsync(
            async token =>
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<PolicyDbContext>();
                await ProbeAsync(db, token);
            },
            cancellationToken);
        LogReachable(logger);

        if (options.MigrateOnStartup)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PolicyDbContext>();
            await db.Database.MigrateAsync(cancellationToken);
            var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).LastOrDefault();
            LogMigrated(logger, applied ?? "(none)");
        }
    }

    private static async Task ProbeAsync(PolicyDbContext db, CancellationToken cancellationToken)
    {
        // A plain connection, not through EF's retrying execution strategy: this pipeline owns the retries.
        try
        {
            await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
            await connection.OpenAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            // The server answers but the database does not exist yet: migrating creates it.
        }
    }

    // Authentication and configuration errors will not heal by waiting; only connection trouble is retried.
    private static bool IsTransient(NpgsqlException e) =>
        e is not PostgresException pg || pg.IsTransient || pg.SqlState == PostgresErrorCodes.CannotConnectNow;

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL is not reachable yet (attempt {Attempt} of {Max}); retrying in {Delay}: {Reason}")]
    private static partial void LogWaiting(ILogger logger, int attempt, int max, TimeSpan delay, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL is reachable")]
    private static partial void LogReachable(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema is at migration {Migration}")]
    private static partial void LogMigrated(ILogger logger, string migration);
}
