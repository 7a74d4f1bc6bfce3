using System.Diagnostics;

namespace PolicyApi.Api.Application;

/// <summary>Logs each use case's name and duration; never its payload (it may hold personal data).</summary>
public sealed partial class LoggingBehaviour<TRequest, TResponse>(ILogger<LoggingBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly string UseCase = typeof(TRequest).Name;

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await next();
        }
        finally
        {
            if (logger.IsEnabled(LogLevel.Debug))
            {
                var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                LogHandled(logger, UseCase, elapsedMs);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Handled {UseCase} in {ElapsedMs:0.0} ms")]
    private static partial void LogHandled(ILogger logger, string useCase, double elapsedMs);
}
