using PolicyApi.Api.Security;
using PolicyApi.Domain.Reports;
using PolicyApi.Infrastructure.Supervision;

namespace PolicyApi.Api.Application;

/// <summary>Who is calling and what time it is, as the use cases see them.</summary>
public sealed class RequestContext(IHttpContextAccessor http, TimeProvider clock, Microsoft.Extensions.Options.IOptions<SupervisionOptions> supervision)
{
    /// <summary>The caller as its access token describes it; null when anonymous.</summary>
    public Caller? Caller => Caller.Of(http.HttpContext?.User);

    /// <summary>The caller as changes record it: subject, its first known role, and unit; "anonymous" when there is none.</summary>
    public Actor Actor => Caller is { } caller
        ? new Actor(caller.Subject, Roles.All.FirstOrDefault(caller.Holds), caller.UnitId)
        : new Actor("anonymous", null, null);

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
    public Guid? ReporterUnit => Caller?.ReporterUnit;

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
