using Microsoft.Extensions.Hosting;

namespace PolicyApi.Infrastructure.Hosting;

/// <summary>When a <see cref="PeriodicJob"/> runs: every <paramref name="Interval"/>, first at start when
/// <paramref name="RunsAtStart"/>; never when not <paramref name="Enabled"/> (the tests run such jobs themselves, at the moments they choose).</summary>
public sealed record JobSchedule(TimeSpan Interval, bool RunsAtStart = false, bool Enabled = true);

/// <summary>
/// Housekeeping a replica runs at an interval (and, when its schedule says so, once at start), each run in a
/// scope of its own. A failed run is logged and the next interval tries again; stopping the host cancels a run.
/// </summary>
public abstract partial class PeriodicJob(IServiceScopeFactory scopes, ILogger logger, JobSchedule schedule) : BackgroundService
{
    private TimeSpan Interval => schedule.Interval;

    /// <summary>Runs once; returns what it did when that is worth a log line.</summary>
    protected abstract Task<string?> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!schedule.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval);
        if (schedule.RunsAtStart)
        {
            await RunAsync(stoppingToken);
        }

        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RunAsync(stoppingToken);
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if (await RunOnceAsync(scope.ServiceProvider, stoppingToken) is { } outcome)
            {
                LogRan(logger, GetType().Name, outcome);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e, GetType().Name, Interval);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Job}: {Outcome}")]
    private static partial void LogRan(ILogger logger, string job, string outcome);

    // An error, not a warning: a failed checkpoint may mean a tampered audit log, and alerts key on errors.
    [LoggerMessage(Level = LogLevel.Error, Message = "{Job} failed; it runs again in {Interval}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string job, TimeSpan interval);
}
