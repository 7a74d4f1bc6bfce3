using System.Diagnostics;
using PolicyApi.Infrastructure.Auditing;

namespace PolicyApi.Api.Features.Auditing;

/// <summary>The actor of the current HTTP request, or the process itself (startup, demo data) outside one.</summary>
public sealed class HttpAuditContext(IHttpContextAccessor http, ICurrentCaller caller) : IAuditContext
{
    public AuditActor Current
    {
        get
        {
            var context = http.HttpContext;
            if (context is null)
            {
                return new AuditActor("system:startup", null, null, null, null, Activity.Current?.TraceId.ToString(), "-", "-");
            }

            return new AuditActor(
                caller.Subject,
                caller.Caller is { } current ? string.Join(' ', current.Roles) : null,
                caller.UnitId,
                caller.ClientId,
                context.Connection.RemoteIpAddress?.ToString(),
                Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier,
                context.Request.Method,
                Truncate(context.Request.Path.Value ?? "/", 2000));
        }
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
