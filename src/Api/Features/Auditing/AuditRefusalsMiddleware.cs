using PolicyApi.Infrastructure.Auditing;

namespace PolicyApi.Api.Features.Auditing;

/// <summary>
/// Records every refused attempt — a write answered with an error, any 401 or 403, and a read refused by an
/// object-level rule (a reporter asking for another unit's report) — in its own
/// transaction (the refused change itself was rolled back or never began). Successful changes are
/// recorded with the change, by the database interceptor.
/// </summary>
public sealed partial class AuditRefusalsMiddleware(RequestDelegate next, ILogger<AuditRefusalsMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http, IServiceScopeFactory scopes, IAuditContext audit, ICurrentCaller caller)
    {
        ArgumentNullException.ThrowIfNull(http);
        try
        {
            await next(http);
        }
        finally
        {
            var status = http.Response.StatusCode;
            var write = !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsOptions(http.Request.Method);
            // 429 is not recorded: a client over its limit must not be able to make the log grow at its pace.
            if (http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal) && status != StatusCodes.Status429TooManyRequests
                && (status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden || (write && status >= 400)
                    || caller.Refused))
            {
                var actor = audit.Current;
                if (status == StatusCodes.Status503ServiceUnavailable)
                {
                    // The database is out or overloaded: the attempt goes to the service log, not to a database that cannot take it.
                    LogNotRecorded(logger, null, http.Request.Method, status, actor.Subject, actor.Path);
                }
                else
                {
                    try
                    {
                        await using var scope = scopes.CreateAsyncScope();
                        await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordRefusalAsync(actor, status, CancellationToken.None);
                    }
                    catch (Exception e)
                    {
                        // The answer has been written; whatever failed here must not cut it off. Say loudly that the refusal is missing from the log.
                        LogNotRecorded(logger, e, http.Request.Method, status, actor.Subject, actor.Path);
                    }
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A refused {Method} {Path} by {Subject} (status {Status}) could not be written to the audit log.")]
    private static partial void LogNotRecorded(ILogger logger, Exception? exception, string method, int status, string subject, string path);
}
