using System.Diagnostics;
using Npgsql;
using PolicyApi.Infrastructure.Persistence;
using PolicyApi.Infrastructure.RateLimiting;

namespace PolicyApi.Api.Security;

/// <summary>
/// Hears the unit removals PostgreSQL announces (<see cref="UnitRemovals"/>), whichever replica deleted the unit, and
/// forgets the removed unit's reporters' tokens that this replica remembers as validated: they are refused at once
/// rather than after <see cref="ValidatedTokens.Revalidation"/>. It proves that it hears: on connecting and every
/// <see cref="Probe"/> it announces a probe through the service's own connection and must hear it within
/// <see cref="ProbeTimeout"/> (a LISTEN through a pooler in transaction mode, or on another database, hears nothing);
/// otherwise it reconnects. Nothing is heard while it is not listening, so on every (re)connection it forgets all
/// remembered tokens (each is validated afresh once): a removal missed meanwhile is not honoured late.
/// </summary>
public sealed partial class UnitRemovalListener(
    [FromKeyedServices(UnitRemovals.DataSourceKey)] NpgsqlDataSource listenSource,
    [FromKeyedServices(SharedRateLimitWindows.DataSourceKey)] NpgsqlDataSource serviceSource,
    ValidatedTokens tokens,
    ILogger<UnitRemovalListener> logger) : BackgroundService
{
    public static readonly TimeSpan Probe = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private string? _probe;

    private TaskCompletionSource? _heard;

    /// <summary>Completes once the listener has first heard its own probe.</summary>
    public Task Listening => _listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(() => delay = TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // whatever broke the session, the listener reconnects rather than stop the service
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogNotListening(logger, e, delay.TotalSeconds);
                try
                {
                    await Task.Delay(delay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
            }
        }
    }

    private async Task ListenAsync(Action listening, CancellationToken cancellationToken)
    {
        await using var connection = await listenSource.OpenConnectionAsync(cancellationToken);
        connection.Notification += (_, e) =>
        {
            if (Guid.TryParse(e.Payload, out var unit))
            {
                tokens.ForgetUnit(unit);
            }
            else if (e.Payload == _probe)
            {
                _heard?.TrySetResult();
            }
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {UnitRemovals.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(cancellationToken);
        }

        await ProbeAsync(connection, cancellationToken);
        tokens.ForgetAll();
        listening();
        _listening.TrySetResult();
        while (true)
        {
            if (!await connection.WaitAsync(Probe, cancellationToken))
            {
                await ProbeAsync(connection, cancellationToken);
            }
        }
    }

    /// <summary>Announces a probe through the service's own connection and waits to hear it on the listening one.</summary>
    private async Task ProbeAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        _heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _probe = $"probe:{Guid.NewGuid():N}";
        await using (var announce = serviceSource.CreateCommand($"SELECT pg_notify('{UnitRemovals.Channel}', $1)"))
        {
            announce.Parameters.Add(new NpgsqlParameter { Value = _probe });
            await announce.ExecuteNonQueryAsync(cancellationToken);
        }

        var waited = Stopwatch.StartNew();
        while (!_heard.Task.IsCompleted && waited.Elapsed < ProbeTimeout)
        {
            await connection.WaitAsync(ProbeTimeout - waited.Elapsed, cancellationToken);
        }

        if (!_heard.Task.IsCompleted)
        {
            throw new TimeoutException(
                $"The listening session did not hear its own probe within {ProbeTimeout.TotalSeconds} s: ConnectionStrings__{UnitRemovals.ConnectionStringName} must be a session to the same database, not through a pooler in transaction mode.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not listening for unit removals (trying again in {Seconds} s); until then this replica refuses a removed unit's reporter tokens only within the token cache's 5 minutes.")]
    private static partial void LogNotListening(ILogger logger, Exception exception, double seconds);
}
