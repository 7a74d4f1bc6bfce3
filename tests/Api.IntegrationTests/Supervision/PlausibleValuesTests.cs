using System.Net;
using Microsoft.EntityFrameworkCore;
using PolicyApi.Api.IntegrationTests.Support;

namespace PolicyApi.Api.IntegrationTests.Supervision;

/// <summary>Figures that make no sense for their target are refused (422) unless the report says what it corrects.</summary>
public sealed class PlausibleValuesTests(ApiFixture fixture) : SupervisionTest(fixture)
{
    private string _unit = string.Empty;
    private string _fdi = string.Empty;
    private string _events = string.Empty;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var document = Id(await CreateDocument(new { title = "2021年防城港市扩大利用外资规模工作方案", region = "防城港市", kind = "workPlan", status = "active" }));
        _unit = Id(await RegisterUnit("防城港市", "港口区", kind: "districtGovernment"));
        _fdi = Id(await SetTarget(document, new { indicator = "实际利用外资", unitOfMeasure = "万美元", comparator = ">=", value = 7000, period = "2021", accumulation = "cumulative" }));
        _events = Id(await SetTarget(document, new { indicator = "外资专题招商活动", unitOfMeasure = "次", comparator = ">=", value = 4, period = "2021", accumulation = "count" }));
        await Allocate(_fdi, (_unit, 3000m));
        await Allocate(_events, (_unit, 4m));
    }

    [Theory]
    [InlineData("fdi", -5)]
    [InlineData("events", -1)]
    public async Task NegativeAmountOrCount_Is422NamingValue_AndNothingIsStored(string which, int value)
    {
        var target = which == "fdi" ? _fdi : _events;
        await ExpectProblem(Post("/api/v1/progress-reports", new { unitId = _unit, targetId = target, period = "2021-M06", value }),
            HttpStatusCode.UnprocessableEntity, "urn:policyapi:problem:report-value-negative", "value");
        Assert.Equal(0, await InDatabase(db => db.ProgressReports.CountAsync()));
    }

    [Fact]
    public async Task CumulativeTotal_ThatFalls_Is422_UnlessItCarriesACorrection_WhichIsKeptInTheHistory()
    {
        await Report(_unit, _fdi, "2021-M06", 600, "2021-07-02 10:00", "2021-07-03 10:00");

        await ExpectProblem(Post("/api/v1/progress-reports", new { unitId = _unit, targetId = _fdi, period = "2021-M10", value = 100 }),
            HttpStatusCode.UnprocessableEntity, "urn:policyapi:problem:cumulative-total-falls", "value");

        // Reporting an earlier period above a later total is the same mistake the other way round.
        await ExpectProblem(Post("/api/v1/progress-reports", new { unitId = _unit, targetId = _fdi, period = "2021-M03", value = 900 }),
            HttpStatusCode.UnprocessableEntity, "urn:policyapi:problem:cumulative-total-falls", "value");

        const string why = "6月数据重复统计了港口区一个项目，10月起更正为100万美元";
        var corrected = await Expect(Post("/api/v1/progress-reports", new { unitId = _unit, targetId = _fdi, period = "2021-M10", value = 100, correction = why }), HttpStatusCode.Created);
        Assert.Equal(why, (string?)corrected["correction"]);
        await Expect(Post($"/api/v1/progress-reports/{Id(corrected)}/submit", new { }), HttpStatusCode.OK);
        var history = await Expect(Get($"/api/v1/progress-reports/{Id(corrected)}/history"), HttpStatusCode.OK);
        Assert.All(history["items"]!.AsArray(), h => Assert.Equal(why, (string?)h!["correction"]));
    }

    [Fact]
    public async Task CumulativeTotal_ComparedByPeriodEnd_AcrossPeriodsOfOtherLengths()
    {
        // A quarter ends after the month inside it: its total to date cannot be below that month's.
        await Report(_unit, _fdi, "2021-M05", 500, "2021-06-02 10:00", "2021-06-03 10:00");
        await ExpectProblem(Post("/api/v1/progress-reports", new { unitId = _unit, targetId = _fdi, period = "2021-Q2", value = 400 }),
            HttpStatusCode.UnprocessableEntity, "urn:policyapi:problem:cumulative-total-falls", "value");

        // Two totals to the same day are the same total.
        await Report(_unit, _fdi, "2021-M06", 600, "2021-07-02 10:00", "2021-07-03 10:00");
        await ExpectProblem(Post("/api/v1/progress-reports", new { unitId = _unit, targetId = _fdi, period = "2021-Q2", value = 650 }),
            HttpStatusCode.UnprocessableEntity, "urn:policyapi:problem:cumulative-total-falls", "value");
        await Expect(Post("/api/v1/progress-reports", new { unitId = _unit, targetId = _fdi, period = "2021-Q2", value = 600 }), HttpStatusCode.Created);
    }

    [Fact]
    public async Task RisingTotalsAndIncrements_AreAccepted()
    {
        await Report(_unit, _fdi, "2021-M05", 500, "2021-06-02 10:00", "2021-06-03 10:00");
        await Expect(Post("/api/v1/progress-reports", new { unitId = _unit, targetId = _fdi, period = "2021-M06", value = 600 }), HttpStatusCode.Created);
        await Expect(Post("/api/v1/progress-reports", new { unitId = _unit, targetId = _events, period = "2021-Q2", value = 0 }), HttpStatusCode.Created);
    }
}
