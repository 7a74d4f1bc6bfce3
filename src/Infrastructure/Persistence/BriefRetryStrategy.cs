using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace PolicyApi.Infrastructure.Persistence;

/// <summary>
/// Retries a transient failure (a dropped connection, a serialization failure) twice within about a second, so
/// that a blip heals unseen while an outage is answered within two seconds. A statement that ran past its budget is
/// never retried: it would only run past it again.
/// </summary>
public sealed class BriefRetryStrategy(ExecutionStrategyDependencies dependencies)
    : NpgsqlRetryingExecutionStrategy(dependencies, maxRetryCount: 2, maxRetryDelay: TimeSpan.FromMilliseconds(400), errorCodesToAdd: null)
{
    protected override bool ShouldRetryOn(Exception? exception) =>
        exception is not null &&
        !DatabaseFailure.IsTimeout(exception) && base.ShouldRetryOn(exception);

    protected override TimeSpan? GetNextDelay(Exception lastException)
    {
        var delay = base.GetNextDelay(lastException);
        return delay is { } d && d > TimeSpan.FromMilliseconds(400) ? TimeSpan.FromMilliseconds(400) : delay;
    }
}

/// <summary>How a database failure looks to a caller: the database is unavailable, or a statement ran past its budget.</summary>
public static class DatabaseFailure
{
    /// <summary>A statement cancelled at its budget (by Npgsql's timeout or PostgreSQL's statement_timeout).</summary>
    public static bool IsTimeout(Exception exception) =>
        Chain(exception).Any(e => e is TimeoutException || e is PostgresException { SqlState: PostgresErrorCodes.QueryCanceled });

    /// <summary>PostgreSQL cannot be reached or is shutting down, starting up, or out of connections.</summary>
    public static bool IsUnavailable(Exception exception) =>
        Chain(exception).Any(e => e switch
        {
            PostgresException pg => pg.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
                or PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.ConnectionFailure or PostgresErrorCodes.ConnectionException
                or PostgresErrorCodes.SqlClientUnableToEstablishSqlConnection,
            NpgsqlException npgsql => npgsql is not PostgresException,
            DatabaseUnavailableException => true,
            _ => false,
        });

    private static IEnumerable<Exception> Chain(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }
}

/// <summary>The database connection (and the transaction on it) was lost while a request was under way.</summary>
public sealed class DatabaseUnavailableException(string message) : Exception(message);
