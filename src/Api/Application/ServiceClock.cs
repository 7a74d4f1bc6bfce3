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
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone).DateTime);

    /// <summary>The instant <paramref name="day"/> ends in the supervising time zone (the next day's start), in UTC.</summary>
    public DateTimeOffset EndOf(DateOnly day)
    {
        var start = day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(start, Zone.GetUtcOffset(start)).ToUniversalTime();
    }

    private TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(supervision.Value.TimeZone);
}
