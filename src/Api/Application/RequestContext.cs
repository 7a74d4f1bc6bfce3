using System.Security.Claims;
using PolicyApi.Domain.Reports;
using PolicyApi.Infrastructure.Supervision;

namespace PolicyApi.Api.Application;

/// <summary>Who is calling and what time it is, as the use cases see them.</summary>
public sealed class RequestContext(IHttpContextAccessor http, TimeProvider clock, Microsoft.Extensions.Options.IOptions<SupervisionOptions> supervision)
{
    public const string UnitClaim = "unit_id";

    /// <summary>The caller: subject and role from the access token; "anonymous" when there is none.</summary>
    public Actor Actor
    {
        get
        {
            var user = http.HttpContext?.User;
            if (user?.Identity?.IsAuthenticated != true)
            {
                return new Actor("anonymous", null, null);
            }

            var subject = user.FindFirstValue("sub") ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.Identity.Name ?? "unknown";
            var role = user.FindFirstValue(ClaimTypes.Role) ?? user.FindFirstValue("role");
            var unit = Guid.TryParse(user.FindFirstValue(UnitClaim), out var id) ? id : (Guid?)null;
            return new Actor(subject, role, unit);
        }
    }

    /// <summary>Item key marking a request refused by an object-level rule, so that the refusal is audited even when it reads.</summary>
    public const string RefusedItem = "policyapi.refused";

    /// <summary>Marks the request as refused by an object-level rule (audited as a refused attempt).</summary>
    public void MarkRefused()
    {
        if (http.HttpContext is { } context)
        {
            context.Items[RefusedItem] = true;
        }
    }

    /// <summary>The unit a reporter's token binds it to; null for every other role.</summary>
    public Guid? ReporterUnit => http.HttpContext?.User is { } user ? PolicyApi.Api.Security.Authentication.ReporterUnit(user) : null;

    /// <summary>Now, to the microsecond PostgreSQL keeps, so that what is answered equals what is read back.</summary>
    public DateTimeOffset Now
    {
        get
        {
            var now = clock.GetUtcNow();
            return now.AddTicks(-(now.Ticks % 10));
        }
    }

    /// <summary>Today in the supervising government's time zone: the default "as of" date.</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(supervision.Value.TimeZone)).DateTime);
}
