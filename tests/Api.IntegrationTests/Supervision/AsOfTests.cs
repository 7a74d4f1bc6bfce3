using System.Net;
using System.Text.Json.Nodes;
using PolicyApi.Api.IntegrationTests.Support;

namespace PolicyApi.Api.IntegrationTests.Supervision;

/// <summary>
/// Supervision "as of" a date is the record as it stood then: reports count by when they were accepted or
/// returned, bulletins list only the targets of their period, nobody is last while all stand equal, and 序时进度
/// is judged at the close of the last reporting period, so a unit on pace mid-month is on track.
/// </summary>
public sealed class AsOfTests(ApiFixture fixture) : SupervisionTest(fixture)
{
    private const string Region = "防城港市";

    private string _plan = string.Empty;
    private string _gangkou = string.Empty;
    private string _fangcheng = string.Empty;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Clock.SetChinaTime("2021-01-05 09:00");
        _plan = Id(await CreateDocument(new
        {
            title = "2021年防城港市扩大利用外资规模工作方案",
            region = Region,
            kind = "workPlan",
            status = "active",
            period = new { from = "2021-01-01", to = "2022-12-31" },
            reportingCadence = new { frequency = "quarterly", graceDays = 10 }, // 季督查
        }));
        _gangkou = Id(await RegisterUnit(Region, "港口区", kind: "districtGovernment"));
        _fangcheng = Id(await RegisterUnit(Region, "防城区", kind: "districtGovernment"));
    }

    private async Task<string> Fdi(string period = "2021", object? cadence = null)
    {
        var target = Id(await SetTarget(_plan, new
        {
            indicator = "实际利用外资", unitOfMeasure = "万美元", comparator = ">=", value = 7000, period, accumulation = "cumulative", reportingCadence = cadence,
        }));
        await Allocate(target, (_gangkou, 3500m), (_fangcheng, 3500m));
        return target;
    }

    [Fact]
    public async Task Bulletin_CountsReportsByWhenTheyWereAcceptedOrReturned_NotByHowTheyStandToday()
    {
        var fdi = await Fdi();
        var gangkouQ2 = await Report(_gangkou, fdi, "2021-Q2", 3000, "2021-07-02 10:00", acceptedAt: "2021-07-08 10:00");
        var fangchengQ2 = await Report(_fangcheng, fdi, "2021-Q2", 1000, "2021-07-02 11:00", acceptedAt: null);
        Clock.SetChinaTime("2021-07-06 10:00");
        await Expect(Post($"/api/v1/progress-reports/{fangchengQ2}/return", new { reason = "请补充到位资金证明" }), HttpStatusCode.OK);
        Clock.SetChinaTime("2021-12-01 09:00"); // today, long after

        // 5 July: both reports submitted, neither reviewed.
        var july5 = await Expect(Get($"/api/v1/bulletins?documentId={_plan}&period=2021-Q2&asOf=2021-07-05"), HttpStatusCode.OK);
        var target5 = july5["targets"]!.AsArray().Single()!;
        Assert.Null(target5["actual"]);
        Assert.Equal(4000m, (decimal)target5["actualIncludingSubmitted"]!);
        Assert.Equal((1, 1, 0, 0), Reporting(july5, _gangkou));
        Assert.Equal((1, 1, 0, 0), Reporting(july5, _fangcheng)); // returned only on 6 July

        // 10 July: 港口区's accepted (8 July); 防城区's was returned (6 July) and is owed again, due today.
        var july10 = await Expect(Get($"/api/v1/bulletins?documentId={_plan}&period=2021-Q2&asOf=2021-07-10"), HttpStatusCode.OK);
        var target10 = july10["targets"]!.AsArray().Single()!;
        Assert.Equal(3000m, (decimal)target10["actual"]!);
        Assert.Equal(3000m, (decimal)target10["actualIncludingSubmitted"]!);
        Assert.Equal((1, 1, 1, 0), Reporting(july10, _gangkou));
        Assert.Equal((1, 0, 0, 1), Reporting(july10, _fangcheng));

        // The attainment endpoint reads the record the same way.
        var attainment5 = await Expect(Get($"/api/v1/targets/{fdi}/attainment?asOf=2021-07-05"), HttpStatusCode.OK);
        Assert.Null(attainment5["actual"]);
        Assert.Equal("notStarted", (string?)attainment5["status"]);
        Assert.NotNull(gangkouQ2);
    }

    [Fact]
    public async Task Bulletin_ListsOnlyTheTargetsWhosePeriodOverlapsIts()
    {
        await Fdi("2021");
        await Fdi("2022");
        var bulletin = await Expect(Get($"/api/v1/bulletins?documentId={_plan}&period=2021-Q2&asOf=2021-07-10"), HttpStatusCode.OK);
        Assert.Equal(["2021"], bulletin["targets"]!.AsArray().Select(t => (string)t!["period"]!));
        Assert.Single(bulletin["rankings"]!.AsArray());
    }

    [Fact]
    public async Task Rankings_WhileNobodyHasReported_HaveNobodyLastAndNobodySummoned()
    {
        var events = Id(await SetTarget(_plan, new
        {
            indicator = "外资专题招商活动", text = "各县市区年内开展不少于4次外资专题招商活动", unitOfMeasure = "次", comparator = ">=", value = 4,
            period = "2021", accumulation = "count", scope = "eachUnit", scopeUnitIds = new[] { _gangkou, _fangcheng },
        }));

        var ranking = await Expect(Get($"/api/v1/supervision/rankings?targetId={events}&asOf=2021-07-10"), HttpStatusCode.OK);
        var items = ranking["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        Assert.All(items, i =>
        {
            Assert.Equal(1, (int)i!["rank"]!);
            Assert.True((bool)i["behind"]!);
            Assert.False((bool)i["last"]!);
            Assert.False((bool)i["summoned"]!);
        });

        // Once one has reported, the other is last and, being behind, summoned.
        await Report(_gangkou, events, "2021-Q2", 2, "2021-07-02 10:00", "2021-07-03 10:00");
        var after = (await Expect(Get($"/api/v1/supervision/rankings?targetId={events}&asOf=2021-07-10"), HttpStatusCode.OK))["items"]!.AsArray();
        Assert.Equal([(1, _gangkou, false), (2, _fangcheng, true)], after.Select(i => ((int)i!["rank"]!, (string)i["unitId"]!, (bool)i["summoned"]!)));
    }

    [Fact]
    public async Task ExpectedProgress_MidPeriod_IsJudgedAtTheCloseOfTheLastReportingPeriod_SoAUnitOnPaceIsOnTrack()
    {
        var fdi = await Fdi(cadence: new { frequency = "monthly", graceDays = 5 });
        // Exactly on pace at 30 June: 3500 × 181/365 = 1735.6164, rounded up.
        await Report(_gangkou, fdi, "2021-M06", 1736, "2021-07-02 10:00", "2021-07-03 10:00");

        var july20 = await Expect(Get($"/api/v1/targets/{fdi}/attainment?asOf=2021-07-20"), HttpStatusCode.OK);
        Assert.Equal("2021-06-30", (string?)july20["expectedAt"]);
        Assert.Equal(R(7000m * 181m / 365m), (decimal)july20["expected"]!);
        Assert.Equal(R(7000m * 201m / 365m), (decimal)july20["expectedToday"]!);
        var gangkou = july20["units"]!.AsArray().Single(u => (string?)u!["unitId"] == _gangkou)!;
        Assert.Equal("onTrack", (string?)gangkou["status"]);
        Assert.Equal(R(3500m * 181m / 365m), (decimal)gangkou["expected"]!);

        // On the last day of a month, that month has closed: it is judged then.
        var july31 = await Expect(Get($"/api/v1/targets/{fdi}/attainment?asOf=2021-07-31"), HttpStatusCode.OK);
        Assert.Equal("2021-07-31", (string?)july31["expectedAt"]);
    }

    [Fact]
    public async Task RegionWideLevel_ReportedByTwoUnitsForOnePeriod_IsTheFigureSubmittedLast()
    {
        // Whichever unit files first, the region's rate is the one submitted last for the latest period.
        foreach (var (first, second) in new[] { (_gangkou, _fangcheng), (_fangcheng, _gangkou) })
        {
            var measure = Id(await CreateMeasure(_plan, new { label = "（一）", title = "提高外资项目落地率" }));
            await Assign(measure, _gangkou, "responsible");
            await Assign(measure, _fangcheng, "responsible");
            var rate = Id(await SetTarget(_plan, new
            {
                measureId = measure, indicator = "外商投资企业开业率", unitOfMeasure = "%", comparator = ">=", value = 90, period = "2021", accumulation = "level",
            }));
            await Report(first, rate, "2021-Q2", 80, "2021-07-02 10:00", "2021-07-04 10:00");
            await Report(second, rate, "2021-Q2", 95, "2021-07-03 10:00", "2021-07-04 11:00");

            var attainment = await Expect(Get($"/api/v1/targets/{rate}/attainment?asOf=2021-07-10"), HttpStatusCode.OK);
            Assert.Equal(95m, (decimal)attainment["actual"]!);
            Assert.Equal(95m, (decimal)attainment["actualIncludingSubmitted"]!);
        }
    }

    [Fact]
    public async Task EachUnitCeiling_WhileAUnitHasNotReported_HasNoActual_NotTheOthersFigure()
    {
        var days = Id(await SetTarget(_plan, new
        {
            indicator = "外资项目审批时限", unitOfMeasure = "个工作日", comparator = "<=", value = 5, period = "2021", accumulation = "level",
            scope = "eachUnit", scopeUnitIds = new[] { _gangkou, _fangcheng },
        }));
        await Report(_gangkou, days, "2021-Q2", 3, "2021-07-02 10:00", "2021-07-03 10:00");

        // 防城区 has said nothing: whether every unit keeps within 5 days is not known.
        var before = await Expect(Get($"/api/v1/targets/{days}/attainment?asOf=2021-07-10"), HttpStatusCode.OK);
        Assert.Null(before["actual"]);

        await Report(_fangcheng, days, "2021-Q2", 4, "2021-07-02 11:00", "2021-07-03 11:00");
        var after = await Expect(Get($"/api/v1/targets/{days}/attainment?asOf=2021-07-10"), HttpStatusCode.OK);
        Assert.Equal(4m, (decimal)after["actual"]!);
    }

    [Fact]
    public async Task MeasureReport_ForAPeriodOutsideItsDocumentsPeriod_Is400NamingPeriod()
    {
        var measure = Id(await CreateMeasure(_plan, new { label = "（二）", title = "建立外资项目库" }));
        await Assign(measure, _gangkou, "responsible");

        foreach (var period in new[] { "2023-M01", "2020", "2020-Q4" })
        {
            await ExpectProblem(Post("/api/v1/progress-reports", new { unitId = _gangkou, measureId = measure, period, narrative = "项目库已更新" }),
                HttpStatusCode.BadRequest, "urn:policyapi:problem:validation-failed", "period");
        }

        await Expect(Post("/api/v1/progress-reports", new { unitId = _gangkou, measureId = measure, period = "2022-M12", narrative = "项目库已更新" }), HttpStatusCode.Created);
    }

    private static (int Due, int Submitted, int Accepted, int Returned) Reporting(JsonNode bulletin, string unitId)
    {
        var record = bulletin["reporting"]!.AsArray().Single(r => (string?)r!["unitId"] == unitId)!;
        return ((int)record["due"]!, (int)record["submitted"]!, (int)record["accepted"]!, (int)record["returned"]!);
    }
}
