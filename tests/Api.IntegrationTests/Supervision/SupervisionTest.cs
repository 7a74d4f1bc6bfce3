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

    /// <summary>
    /// 2021年防城港市扩大利用外资规模工作方案, active for 2021, monthly reports due 5 days after each month (created on
    /// 5 January 2021), with its 实际利用外资 target of <paramref name="value"/> 万美元 (cumulative).
    /// </summary>
    protected async Task<(string Plan, string Target)> MonthlyPlanAsync(decimal value = 7000m)
    {
        Clock.SetChinaTime("2021-01-05 09:00");
        var plan = Id(await CreateDocument(new
        {
            title = "2021年防城港市扩大利用外资规模工作方案",
            region = "防城港市",
            kind = "workPlan",
            status = "active",
            period = new { from = "2021-01-01", to = "2021-12-31" },
            reportingCadence = new { frequency = "monthly", graceDays = 5 },
        }));
        var target = Id(await SetTarget(plan, new { indicator = "实际利用外资", unitOfMeasure = "万美元", comparator = ">=", value, period = "2021", accumulation = "cumulative" }));
        return (plan, target);
    }

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

    /// <summary>A draft report of 防城区 on 实际利用外资 for June 2021 (see <see cref="AllocatedTargetAsync"/>).</summary>
    protected async Task<string> DraftAsync()
    {
        var (target, county) = await AllocatedTargetAsync();
        return Id(await Expect(Post("/api/v1/progress-reports", new { unitId = county, targetId = target, period = "2021-M06", value = 990, narrative = "上半年到位外资990万美元" }), HttpStatusCode.Created));
    }

    /// <summary>7000 万美元 in 2021 with a share of 2000 for 防城区.</summary>
    protected async Task<(string Target, string County)> AllocatedTargetAsync()
    {
        var document = await CreateDocument(new { title = "2021年防城港市扩大利用外资规模工作方案", region = "防城港市", kind = "workPlan", status = "active" });
        var county = Id(await RegisterUnit("防城港市", "防城区", kind: "districtGovernment"));
        var target = Id(await SetTarget(Id(document), new { indicator = "实际利用外资", unitOfMeasure = "万美元", comparator = ">=", value = 7000, period = "2021", accumulation = "cumulative" }));
        await Allocate(target, (county, 2000m));
        return (target, county);
    }
}
