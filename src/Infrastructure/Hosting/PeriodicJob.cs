using Microsoft.Extensions.Hosting;

namespace PolicyApi.Infrastructure.Hosting;

/// <summary>
/// Housekeeping a replica runs at an interval (and, when <see cref="RunsAtStart"/>, once at start), each run in a
/// scope of its own. A failed run is logged and the next interval tries again; stopping the host cancels a run.
/// </summary>
public abstract partial class PeriodicJob(IServiceScopeFactory scopes, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    protected virtual bool RunsAtStart => false;

    /// <summary>Off by configuration (the tests run these jobs themselves, at the moments they choose).</summary>
    protected virtual bool Enabled => true;

    /// <summary>Runs once; returns what it did when that is worth a log line.</summary>
    protected abstract Task<string?> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval);
        if (RunsAtStart)
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
