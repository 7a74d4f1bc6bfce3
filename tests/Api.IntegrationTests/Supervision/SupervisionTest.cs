using System.Net;
using System.Text.Json.Nodes;
using PolicyApi.Api.IntegrationTests.Support;

namespace PolicyApi.Api.IntegrationTests.Supervision;

/// <summary>Builders for targets and reports, with the clock set to when things happen.</summary>
public abstract class SupervisionTest(ApiFixture fixture) : RegistryTest(fixture)
{
    protected TestClock Clock => Fixture.Clock;

    protected async Task<JsonNode> SetTarget(string documentId, object body) =>
        await Expect(Post($"/api/v1/documents/{documentId}/targets", body), HttpStatusCode.Created);

    protected async Task Allocate(string targetId, params (string UnitId, decimal Value)[] shares)
    {
        var (_, etag) = await Read($"/api/v1/targets/{targetId}/allocations");
        await Expect(Put($"/api/v1/targets/{targetId}/allocations", new { allocations = shares.Select(s => new { unitId = s.UnitId, value = s.Value }) }, etag), HttpStatusCode.OK);
    }

    /// <summary>Opens a report, submits it at the given local time and, when given, accepts it then.</summary>
    protected async Task<string> Report(string unitId, string? targetId, string period, decimal? value, string submittedAt, string? acceptedAt, string? measureId = null)
    {
        Clock.SetChinaTime(submittedAt);
        var report = await Expect(Post("/api/v1/progress-reports", new { unitId, targetId, measureId, period, value, narrative = $"{period}进展情况" }), HttpStatusCode.Created);
        await Expect(Post($"/api/v1/progress-reports/{Id(report)}/submit", new { }), HttpStatusCode.OK);
        if (acceptedAt is not null)
        {
            Clock.SetChinaTime(acceptedAt);
            await Expect(Post($"/api/v1/progress-reports/{Id(report)}/accept", new { }), HttpStatusCode.OK);
        }

        return Id(report);
    }

    protected async Task<List<JsonNode>> AllPages(string url)
    {
        var items = new List<JsonNode>();
        string? cursor = null;
        do
        {
            var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var page = await Expect(Get($"{url}{separator}limit=100{(cursor is null ? string.Empty : "&cursor=" + cursor)}"), HttpStatusCode.OK);
            items.AddRange(page["items"]!.AsArray().Select(i => i!));
            cursor = (string?)page["nextCursor"];
        }
        while (cursor is not null);
        return items;
    }

    /// <summary>Rounds as the API does: 4 decimal places, half away from zero.</summary>
    protected static decimal R(decimal value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);
}
