using Npgsql;
using PolicyApi.Infrastructure.Persistence;

namespace PolicyApi.Api.Security;

/// <summary>
/// Hears the unit removals PostgreSQL announces (<see cref="UnitRemovals"/>), whichever replica deleted the unit, and
/// forgets the removed unit's reporters' tokens that this replica remembers as validated: they are refused at once
/// rather than after <see cref="ValidatedTokens.Revalidation"/>. Nothing is heard while the connection is down, so on
/// every (re)connection it forgets all remembered tokens (each is validated afresh once): a removal missed meanwhile
/// is not honoured late. A dead connection is noticed within <see cref="Probe"/> by a trivial query.
/// </summary>
public sealed partial class UnitRemovalListener(
    [FromKeyedServices(UnitRemovals.DataSourceKey)] NpgsqlDataSource dataSource,
    ValidatedTokens tokens,
    ILogger<UnitRemovalListener> logger) : BackgroundService
{
    public static readonly TimeSpan Probe = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

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
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
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
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        connection.Notification += (_, e) =>
        {
            if (Guid.TryParse(e.Payload, out var unit))
            {
                tokens.ForgetUnit(unit);
            }
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {UnitRemovals.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(cancellationToken);
        }

        tokens.ForgetAll();
        listening();
        while (true)
        {
            if (!await connection.WaitAsync(Probe, cancellationToken))
            {
                await using var probe = new NpgsqlCommand("SELECT 1", connection);
                await probe.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not listening for unit removals (trying again in {Seconds} s); until then this replica refuses a removed unit's reporter tokens only within the token cache's 5 minutes.")]
    private static partial void LogNotListening(ILogger logger, Exception exception, double seconds);
}
