using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace PolicyApi.Api.IntegrationTests.Support;

/// <summary>
/// Kills the PostgreSQL session of the application at a chosen statement, as a crash of the server would: the
/// statement and everything uncommitted in its transaction are lost, and the application sees a broken connection.
/// Armed per test with <see cref="KillSessionAt"/>; fires once.
/// </summary>
public sealed class FaultInjection : DbCommandInterceptor
{
    private static Func<string, bool>? _armed;

    /// <summary>The next command whose SQL satisfies <paramref name="when"/> finds its session terminated.</summary>
    public static IDisposable KillSessionAt(Func<string, bool> when)
    {
        _armed = when;
        return new Disarm();
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await FireAsync(command, cancellationToken);
        return result;
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await FireAsync(command, cancellationToken);
        return result;
    }

    private static async Task FireAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var armed = _armed;
        if (armed is null || !armed(command.CommandText) || Interlocked.CompareExchange(ref _armed, null, armed) != armed)
        {
            return;
        }

        // Terminate this very session from the server's side; the statement that follows runs on a dead connection.
        await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(pg_backend_pid())", (NpgsqlConnection)command.Connection!, (NpgsqlTransaction?)command.Transaction);
        try
        {
            await kill.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (NpgsqlException)
        {
            // Expected: the server ends the session while answering.
        }
    }

    private sealed class Disarm : IDisposable
    {
        public void Dispose() => _armed = null;
    }
}
