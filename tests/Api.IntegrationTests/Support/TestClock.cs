using System.Globalization;

namespace PolicyApi.Api.IntegrationTests.Support;

/// <summary>A clock tests can set, so that reports can be submitted "on 2 July 2021"; the real time otherwise.</summary>
public sealed class TestClock : TimeProvider
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public DateTimeOffset? Now { get; set; }

    public override DateTimeOffset GetUtcNow() => Now ?? base.GetUtcNow();

    /// <summary>Sets the clock to a local time in China (UTC+8), e.g. "2021-07-02 10:00".</summary>
    public void SetChinaTime(string localDateTime) =>
        Now = DateTimeOffset.ParseExact(localDateTime, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture).ToOffset(TimeSpan.Zero).Add(-ChinaOffset);

    public void Reset() => Now = null;
}
