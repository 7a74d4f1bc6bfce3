using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Npgsql;
using PolicyApi.Infrastructure.Persistence;
using Polly;
using Polly.Retry;

namespace PolicyApi.Infrastructure.Startup;

/// <summary>
/// Waits for PostgreSQL with a bounded retry (exponential backoff with jitter, every attempt logged) instead of
/// crashing when the database starts after the API, then — with the same patience — for the schema to be at this
/// build's migration (the <c>migrate</c> command applies it as the owner). Last, it checks the service's own role is
/// no more privileged than it should be.
/// </summary>
public static partial class DatabaseStartup
{
    public static async Task PrepareDatabaseAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseStartup).FullName!);

        var pipeline = Patience(options, logger);
        await pipeline.ExecuteAsync(
            async token =>
            {
                await using var scope = services.CreateAsyncScope();
                await ProbeAsync(scope.ServiceProvider.GetRequiredService<PolicyDbContext>().Database.GetConnectionString()!, token);
            },
            cancellationToken);
        LogReachable(logger);

        await pipeline.ExecuteAsync(
            async token =>
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<PolicyDbContext>();
                var pending = await PendingMigrationsAsync(db, token);
                if (pending.Count > 0)
                {
                    throw new SchemaNotReadyException(
                        $"The database schema lacks {pending.Count} migration(s) of this build (first: {pending[0]}). Run the API's 'migrate' command as the owner role.");
                }
            },
            cancellationToken);
        LogSchemaCurrent(logger);

        await using (var scope = services.CreateAsyncScope())
        {
            await CheckPrivilegesAsync(scope.ServiceProvider.GetRequiredService<PolicyDbContext>(), options.RequireLeastPrivilege, logger, cancellationToken);
        }
    }

    private static async Task<IReadOnlyList<string>> PendingMigrationsAsync(PolicyDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            return [.. await db.Database.GetPendingMigrationsAsync(cancellationToken)];
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName or PostgresErrorCodes.InsufficientPrivilege)
        {
            return [.. db.Database.GetMigrations()];
        }
    }

    /// <summary>A superuser or the tables' owner can disable the audit trigger or truncate the log: the service must be neither.</summary>
    private static async Task CheckPrivilegesAsync(PolicyDbContext db, bool required, ILogger logger, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT current_user,
                   (SELECT rolsuper FROM pg_roles WHERE rolname = current_user),
                   EXISTS (SELECT 1 FROM pg_tables t WHERE t.schemaname = 'policy' AND pg_has_role(current_user, t.tableowner, 'USAGE'))
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var role = reader.GetString(0);
        var problem = reader.GetBoolean(1) ? "a superuser" : reader.GetBoolean(2) ? "the owner of the policy tables" : null;
        if (problem is null)
        {
            return;
        }

        var message = $"The service connects to PostgreSQL as {role}, {problem}: it could disable the audit trigger or truncate the audit log. " +
            "Connect as the application role (ConnectionStrings:Policy) and run migrations with the owner (the 'migrate' command).";
        if (required)
        {
            throw new InvalidOperationException(message + " (Database:RequireLeastPrivilege is on.)");
        }

        LogPrivileged(logger, message);
    }

    /// <summary>Waits for the server of <paramref name="connectionString"/> with the configured patience (the migrate command).</summary>
    public static async Task WaitForServerAsync(string connectionString, IConfiguration configuration, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        await Patience(options, logger).ExecuteAsync(async token => await ProbeAsync(connectionString, token), cancellationToken);
        LogReachable(logger);
    }

    private static ResiliencePipeline Patience(DatabaseOptions options, ILogger logger) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(IsTransient).Handle<SocketException>().Handle<TimeoutException>().Handle<SchemaNotReadyException>(),
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

    private static async Task ProbeAsync(string connectionString, CancellationToken cancellationToken)
    {
        // A plain connection, not through EF's retrying execution strategy: this pipeline owns the retries.
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL is not reachable yet, or its schema is behind (attempt {Attempt} of {Max}); retrying in {Delay}: {Reason}")]
    private static partial void LogWaiting(ILogger logger, int attempt, int max, TimeSpan delay, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL is reachable")]
    private static partial void LogReachable(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "The database schema is at this build's migration")]
    private static partial void LogSchemaCurrent(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Message}")]
    private static partial void LogPrivileged(ILogger logger, string message);
}

/// <summary>The schema is behind this build: the migrate command has not run yet (or is running).</summary>
public sealed class SchemaNotReadyException(string message) : Exception(message);
