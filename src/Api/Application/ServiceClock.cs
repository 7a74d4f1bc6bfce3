using Microsoft.Extensions.Options;
using PolicyApi.Infrastructure.Supervision;

namespace PolicyApi.Api.Application;

/// <summary>What time it is, as the use cases see it.</summary>
public sealed class ServiceClock(TimeProvider clock, IOptions<SupervisionOptions> supervision)
{
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
