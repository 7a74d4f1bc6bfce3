using System.Net;
using System.Text.Json.Nodes;
using PolicyApi.Api.IntegrationTests.Support;

namespace PolicyApi.Api.IntegrationTests.Supervision;

/// <summary>
/// 2021年防城港市扩大利用外资规模工作方案 played out over HTTP: its targets, the split of 7000 万美元 among the
/// four counties, a year of monthly reports (some late, one returned, one missing), and the questions a
/// supervisor asks at 30 June and 30 September — every figure worked out by hand below.
/// </summary>
public sealed class FangchenggangScenarioTests(ApiFixture fixture) : SupervisionTest(fixture)
{
    private const string Region = "防城港市";

    // Cumulative 实际利用外资 to the end of each month (万美元), as each county reports it, January to September.
    private static readonly decimal[] Gangkou = [200, 450, 700, 1000, 1300, 1550, 1800, 2100, 2350];
    private static readonly decimal[] Fangcheng = [150, 300, 480, 640, 800, 990, 1150, 1300, 1450];
    private static readonly decimal[] Dongxing = [100, 200, 320, 430, 560, 720, 850, 950, 1100];

    private static readonly decimal June30 = 181m / 365m; // elapsed share of 2021 on 30 June (both ends counted)
    private static readonly decimal September30 = 273m / 365m;

    [Fact]
    public async Task Fangchenggang2021_OverTheYear_AttainmentExpectedProgressOverdueRankingsAndBulletinMatchFiguresWorkedOutByHand()
    {
        Clock.SetChinaTime("2021-01-05 09:00");
        var plan = await CreateDocument(new
        {
            title = "2021年防城港市扩大利用外资规模工作方案",
            region = Region,
            kind = "workPlan",
            status = "active",
            period = new { from = "2021-01-01", to = "2021-12-31" },
            reportingCadence = new { frequency = "monthly", graceDays = 5 }, // 月通报: reports due 5 days after each month
        });
        var gangkou = Id(await RegisterUnit(Region, "港口区", kind: "districtGovernment"));
        var fangcheng = Id(await RegisterUnit(Region, "防城区", kind: "districtGovernment"));
        var dongxing = Id(await RegisterUnit(Region, "东兴市", kind: "districtGovernment"));
        var shangsi = Id(await RegisterUnit(Region, "上思县", kind: "districtGovernment"));
        var commerce = Id(await RegisterUnit(Region, "市商务局"));

        // The targets of 一、工作目标 and 二、（四）二是.
        var fdi = Id(await SetTarget(Id(plan), new
        {
            indicator = "实际利用外资（含投资性公司投资）",
            text = "2021年全市实际利用外资工作目标7000万美元",
            unitOfMeasure = "万美元",
            comparator = ">=",
            value = 7000,
            period = "2021",
            accumulation = "cumulative",
        }));
        var growth = Id(await SetTarget(Id(plan), new
        {
            indicator = "实际利用外资同比增长",
            text = "同比增长20%以上",
            unitOfMeasure = "%",
            comparator = ">=",
            value = 20,
            period = "2021",
            accumulation = "cumulative",
            baseline = new { value = 5800, unitOfMeasure = "万美元", period = "2020" },
            basedOnTargetId = fdi,
        }));
        var landing = Id(await SetTarget(Id(plan), new
        {
            indicator = "“三企入桂”和“行企助力转型升级”行动签约外商新投资项目落地率",
            text = "“三企入桂”和“行企助力转型升级”行动中签约的外商新投资项目落地率20%以上",
            unitOfMeasure = "%",
            comparator = ">=",
            value = 20,
            period = "2021",
            accumulation = "level",
        }));
        var events = Id(await SetTarget(Id(plan), new
        {
            indicator = "外资专题招商活动",
            text = "各县市区年内开展不少于4次外资专题招商活动",
            unitOfMeasure = "次",
            comparator = ">=",
            value = 4,
            period = "2021",
            accumulation = "count",
            scope = "eachUnit",
            scopeText = "各县市区",
            scopeUnitIds = new[] { gangkou, fangcheng, dongxing, shangsi },
            reportingCadence = new { frequency = "quarterly", graceDays = 10 },
        }));

        // 目标分解: shares over the whole are refused; a partial split is reported as not adding up.
        var (_, allocationTag) = await Read($"/api/v1/targets/{fdi}/allocations");
        await ExpectProblem(
            Put($"/api/v1/targets/{fdi}/allocations", new { allocations = new[] { new { unitId = gangkou, value = 5000m }, new { unitId = fangcheng, value = 3000m } } }, allocationTag),
            HttpStatusCode.Conflict,
            "urn:policyapi:problem:allocations-exceed-target",
            "allocations");
        await Allocate(fdi, (gangkou, 3000m));
        var partial = await Expect(Get($"/api/v1/targets/{fdi}/allocations"), HttpStatusCode.OK);
        Assert.False((bool)partial["balanced"]!);
        Assert.Equal(4000m, (decimal)partial["unallocated"]!);
        await Allocate(fdi, (gangkou, 3000m), (fangcheng, 2000m), (dongxing, 1500m), (shangsi, 500m));
        var whole = await Expect(Get($"/api/v1/targets/{fdi}/allocations"), HttpStatusCode.OK);
        Assert.True((bool)whole["balanced"]!);
        Assert.Equal(7000m, (decimal)whole["allocated"]!);

        // Monthly reports: submitted on the 2nd of the next month, accepted on the 3rd.
        for (var month = 1; month <= 9; month++)
        {
            var period = $"2021-M{month:D2}";
            var next = new DateOnly(2021, month, 1).AddMonths(1);
            var submitted = $"{next:yyyy-MM}-02 10:00";
            var accepted = $"{next:yyyy-MM}-03 10:00";
            await Report(gangkou, fdi, period, Gangkou[month - 1], submitted, accepted);
            await Report(fangcheng, fdi, period, Fangcheng[month - 1], submitted, month == 9 ? null : accepted); // September awaits review
            if (month != 6)
            {
                await Report(dongxing, fdi, period, Dongxing[month - 1], submitted, accepted);
            }
        }

        // 东兴市's June figure is returned (it left out investment companies) and resubmitted, all within grace.
        Clock.SetChinaTime("2021-07-01 09:00");
        var dongxingJune = Id(await Expect(Post("/api/v1/progress-reports", new { unitId = dongxing, targetId = fdi, period = "2021-M06", value = 700, narrative = "上半年到位外资700万美元" }), HttpStatusCode.Created));
        await Expect(Post($"/api/v1/progress-reports/{dongxingJune}/submit", new { }), HttpStatusCode.OK);
        Clock.SetChinaTime("2021-07-03 09:00");
        var returned = await Expect(Post($"/api/v1/progress-reports/{dongxingJune}/return", new { reason = "6月数据未含投资性公司投资，请核实后重报" }), HttpStatusCode.OK);
        Assert.Equal("returned", (string?)returned["status"]);
        var (_, juneTag) = await Read($"/api/v1/progress-reports/{dongxingJune}");
        await Expect(Put($"/api/v1/progress-reports/{dongxingJune}", new { value = 720, narrative = "上半年到位外资720万美元（含投资性公司投资）" }, juneTag), HttpStatusCode.OK);
        Clock.SetChinaTime("2021-07-04 09:00");
        await Expect(Post($"/api/v1/progress-reports/{dongxingJune}/submit", new { }), HttpStatusCode.OK);
        Clock.SetChinaTime("2021-07-06 09:00");
        await Expect(Post($"/api/v1/progress-reports/{dongxingJune}/accept", new { }), HttpStatusCode.OK);

        // 上思县: on time until April, May late (due 5 June, submitted 20 June), June never, then back on track.
        await Report(shangsi, fdi, "2021-M01", 20, "2021-02-02 10:00", "2021-02-03 10:00");
        await Report(shangsi, fdi, "2021-M02", 40, "2021-03-02 10:00", "2021-03-03 10:00");
        await Report(shangsi, fdi, "2021-M03", 80, "2021-04-02 10:00", "2021-04-03 10:00");
        await Report(shangsi, fdi, "2021-M04", 100, "2021-05-02 10:00", "2021-05-03 10:00");
        await Report(shangsi, fdi, "2021-M05", 130, "2021-06-20 10:00", "2021-06-21 10:00");
        await Report(shangsi, fdi, "2021-M07", 180, "2021-08-02 10:00", "2021-08-03 10:00");
        await Report(shangsi, fdi, "2021-M08", 220, "2021-09-02 10:00", "2021-09-03 10:00");
        await Report(shangsi, fdi, "2021-M09", 250, "2021-10-02 10:00", "2021-10-03 10:00");

        // Quarterly counts of 招商活动 (each report states how many were held); 上思县 skips the second quarter.
        foreach (var (unit, q1, q2) in new[] { (gangkou, 2m, (decimal?)1m), (fangcheng, 1m, 1m), (dongxing, 1m, 2m), (shangsi, 1m, null) })
        {
            await Report(unit, events, "2021-Q1", q1, "2021-04-05 10:00", "2021-04-06 10:00");
            if (q2 is { } held)
            {
                await Report(unit, events, "2021-Q2", held, "2021-07-05 10:00", "2021-07-06 10:00");
            }
        }

        // 落地率, reported by 市商务局 as a level each quarter.
        await Report(commerce, landing, "2021-Q2", 18, "2021-07-05 10:00", "2021-07-06 10:00");
        await Report(commerce, landing, "2021-Q3", 21, "2021-10-05 10:00", "2021-10-06 10:00");

        await AssertJune30(fdi, growth, landing, events, gangkou, fangcheng, dongxing, shangsi);
        await AssertSeptember30(fdi, growth, landing, events, gangkou, fangcheng, dongxing, shangsi);
        await AssertOverdue(Id(plan), fdi, events, shangsi);
        await AssertHistory(dongxingJune);
        await AssertQ2Bulletin(Id(plan), gangkou, fangcheng, dongxing, shangsi);
    }

    private async Task AssertJune30(string fdi, string growth, string landing, string events, string gangkou, string fangcheng, string dongxing, string shangsi)
    {
        // As the record stood on 30 June, only May's figures were accepted: 1300 + 800 + 560 + 130 (上思县's, late) = 2790.
        var asStood = await Expect(Get($"/api/v1/targets/{fdi}/attainment?asOf=2021-06-30"), HttpStatusCode.OK);
        Assert.Equal((2790m, "2021-06-30"), ((decimal)asStood["actual"]!, (string)asStood["expectedAt"]!));

        // On 10 July, with June's reports in and reviewed: units' latest totals 1550 + 990 + 720 (resubmitted) + 130
        // (上思县's May; June missing) = 3390. 序时进度 is judged at the close of the last monthly period, 30 June:
        // 7000 × 181/365 = 3471.2329 (to the day it would be 7000 × 191/365); at this pace the year ends at
        // 3390 × 365/181 = 6836.19 ≥ 90% of 7000 → behind.
        var a = await Expect(Get($"/api/v1/targets/{fdi}/attainment?asOf=2021-07-10"), HttpStatusCode.OK);
        Assert.Equal("2021-06-30", (string?)a["expectedAt"]);
        Assert.Equal(R(7000m * 191m / 365m), (decimal)a["expectedToday"]!);
        Assert.Equal(3390m, (decimal)a["actual"]!);
        Assert.Equal(3390m, (decimal)a["actualIncludingSubmitted"]!);
        Assert.Equal(R(7000m * June30), (decimal)a["expected"]!);
        Assert.Equal(3471.2329m, (decimal)a["expected"]!);
        Assert.Equal(R(June30), (decimal)a["expectedShare"]!);
        Assert.Equal(R(3390m / 7000m), (decimal)a["ratioToTarget"]!);
        Assert.Equal(R(3390m / (7000m * June30)), (decimal)a["ratioToExpected"]!);
        Assert.Equal(R(3390m / June30), (decimal)a["projected"]!);
        Assert.Equal("behind", (string?)a["status"]);
        Assert.True((bool)a["behindSchedule"]!);
        var units = a["units"]!.AsArray().ToDictionary(u => (string)u!["unitId"]!, u => u!);
        Assert.Equal(("onTrack", 1550m, R(3000m * June30)), Unit(units[gangkou]));   // 1550 ≥ 1487.6712
        Assert.Equal(("behind", 990m, R(2000m * June30)), Unit(units[fangcheng]));   // 990 < 991.7808; pace 1996 ≥ 1800
        Assert.Equal(("behind", 720m, R(1500m * June30)), Unit(units[dongxing]));    // 720 < 743.8356; pace 1452 ≥ 1350
        Assert.Equal(("atRisk", 130m, R(500m * June30)), Unit(units[shangsi]));      // pace 262 < 450

        // 同比增长20%: against 5800 × 181/365 = 2876.1644 of last year, 3390 is +17.87%; on the amount the goal is 6960.
        var g = await Expect(Get($"/api/v1/targets/{growth}/attainment?asOf=2021-07-10"), HttpStatusCode.OK);
        Assert.Equal(R(((3390m / (5800m * June30)) - 1) * 100), (decimal)g["actual"]!);
        Assert.Equal(20m, (decimal)g["expected"]!);
        Assert.Equal(R(5800m * June30), (decimal)g["growth"]!["baselineToDate"]!);
        Assert.Equal(6960m, (decimal)g["growth"]!["underlyingGoal"]!);
        Assert.Equal("behind", (string?)g["status"]); // 3390 < 6960 × 181/365 = 3451.40; pace 6836 ≥ 6264

        // 落地率 20% is a level: the second quarter's 18% is due all along, 18 ≥ 90% of 20 → behind.
        var l = await Expect(Get($"/api/v1/targets/{landing}/attainment?asOf=2021-07-10"), HttpStatusCode.OK);
        Assert.Equal(18m, (decimal)l["actual"]!);
        Assert.Equal(20m, (decimal)l["expected"]!);
        Assert.Equal("behind", (string?)l["status"]);

        // 不少于4次 per county: the target stands where the weakest county stands (上思县, 1 event); due 4 × 181/365 = 1.9836.
        var e = await Expect(Get($"/api/v1/targets/{events}/attainment?asOf=2021-07-10"), HttpStatusCode.OK);
        Assert.Equal(1m, (decimal)e["actual"]!);
        Assert.Equal(R(4m * June30), (decimal)e["expected"]!);
        Assert.Equal("atRisk", (string?)e["status"]); // pace 2.02 < 3.6

        // Ranking by own share: 港口区 1550/3000 = .5167, 防城区 990/2000 = .495, 东兴市 720/1500 = .48, 上思县 130/500 = .26.
        // 上思县 is behind 序时进度 and last: summoned this quarter (季约谈).
        var ranking = await Expect(Get($"/api/v1/supervision/rankings?targetId={fdi}&asOf=2021-07-10"), HttpStatusCode.OK);
        Assert.Equal("2021-Q2", (string?)ranking["quarter"]);
        Assert.Equal(
            [(1, gangkou, R(1550m / 3000m), false, false), (2, fangcheng, 0.495m, true, false), (3, dongxing, 0.48m, true, false), (4, shangsi, 0.26m, true, true)],
            ranking["items"]!.AsArray().Select(i => ((int)i!["rank"]!, (string)i["unitId"]!, (decimal)i["completionRate"]!, (bool)i["behind"]!, (bool)i["summoned"]!)));

        // Events: 港口区 3 and 东兴市 3 share first place, 防城区 2, 上思县 1 (behind 1.98, last → summoned).
        var eventRanking = await Expect(Get($"/api/v1/supervision/rankings?targetId={events}&asOf=2021-07-10"), HttpStatusCode.OK);
        Assert.Equal(
            [(1, 0.75m, false), (1, 0.75m, false), (3, 0.5m, false), (4, 0.25m, true)],
            eventRanking["items"]!.AsArray().Select(i => ((int)i!["rank"]!, (decimal)i["completionRate"]!, (bool)i["summoned"]!)));
        Assert.Equal(shangsi, (string?)eventRanking["items"]![3]!["unitId"]);
    }

    private async Task AssertSeptember30(string fdi, string growth, string landing, string events, string gangkou, string fangcheng, string dongxing, string shangsi)
    {
        // 防城区's September report (1450) is submitted but not reviewed: it shows only in actualIncludingSubmitted.
        // Accepted: 2350 + 1300 + 1100 + 250 = 5000; with it: 5150. 序时进度 = 7000 × 273/365 = 5235.6164; pace 6685 ≥ 6300 → behind.
        var a = await Expect(Get($"/api/v1/targets/{fdi}/attainment?asOf=2021-10-10"), HttpStatusCode.OK);
        Assert.Equal(5000m, (decimal)a["actual"]!);
        Assert.Equal(5150m, (decimal)a["actualIncludingSubmitted"]!);
        Assert.Equal(R(7000m * September30), (decimal)a["expected"]!);
        Assert.Equal("behind", (string?)a["status"]);
        var units = a["units"]!.AsArray().ToDictionary(u => (string)u!["unitId"]!, u => u!);
        Assert.Equal(("onTrack", 2350m, R(3000m * September30)), Unit(units[gangkou]));
        Assert.Equal(("atRisk", 1300m, R(2000m * September30)), Unit(units[fangcheng])); // pace 1738 < 1800
        Assert.Equal(1450m, (decimal)units[fangcheng]["actualIncludingSubmitted"]!);
        Assert.Equal(("behind", 1100m, R(1500m * September30)), Unit(units[dongxing])); // pace 1471 ≥ 1350
        Assert.Equal(("atRisk", 250m, R(500m * September30)), Unit(units[shangsi]));

        var g = await Expect(Get($"/api/v1/targets/{growth}/attainment?asOf=2021-10-10"), HttpStatusCode.OK);
        Assert.Equal(R(((5000m / (5800m * September30)) - 1) * 100), (decimal)g["actual"]!); // +15.26%
        Assert.Equal("behind", (string?)g["status"]);

        var l = await Expect(Get($"/api/v1/targets/{landing}/attainment?asOf=2021-10-10"), HttpStatusCode.OK);
        Assert.Equal(21m, (decimal)l["actual"]!);
        Assert.Equal("achieved", (string?)l["status"]);

        var e = await Expect(Get($"/api/v1/targets/{events}/attainment?asOf=2021-10-10"), HttpStatusCode.OK);
        Assert.Equal(1m, (decimal)e["actual"]!);
        Assert.Equal("atRisk", (string?)e["status"]);

        // 港口区 2350/3000 = .7833, 东兴市 1100/1500 = .7333, 防城区 1300/2000 = .65, 上思县 250/500 = .5 → summoned again.
        var ranking = await Expect(Get($"/api/v1/supervision/rankings?targetId={fdi}&asOf=2021-10-10"), HttpStatusCode.OK);
        Assert.Equal("2021-Q3", (string?)ranking["quarter"]);
        Assert.Equal(
            [(1, gangkou, false), (2, dongxing, false), (3, fangcheng, false), (4, shangsi, true)],
            ranking["items"]!.AsArray().Select(i => ((int)i!["rank"]!, (string)i["unitId"]!, (bool)i["summoned"]!)));
    }

    private async Task AssertOverdue(string documentId, string fdi, string events, string shangsi)
    {
        // 15 June: 上思县's May report was due on 5 June and is not in yet.
        var june15 = await AllPages($"/api/v1/supervision/overdue?asOf=2021-06-15&documentId={documentId}");
        Assert.Equal([(shangsi, fdi, "2021-M05", "2021-06-05", 10)], june15.Select(Overdue));

        // 30 June: May came in (late) on 20 June; June reports are owed but not due before 5 July.
        Assert.Empty(await AllPages($"/api/v1/supervision/overdue?asOf=2021-06-30&documentId={documentId}"));
        var due = await AllPages($"/api/v1/supervision/due?asOf=2021-06-30&documentId={documentId}");
        Assert.Equal(8, due.Count); // June of 7000万 and Q2 of 招商活动, for each of the four counties
        Assert.All(due, d => Assert.Equal("due", (string?)d["state"]));
        Assert.Equal(4, due.Count(d => (string?)d["period"] == "2021-M06" && (string?)d["dueOn"] == "2021-07-05"));
        Assert.Equal(4, due.Count(d => (string?)d["period"] == "2021-Q2" && (string?)d["dueOn"] == "2021-07-10"));

        // 10 July: 上思县's June report is 5 days late; its Q2 events report is due today, not late yet.
        var july10 = await AllPages($"/api/v1/supervision/overdue?asOf=2021-07-10&documentId={documentId}");
        Assert.Equal([(shangsi, fdi, "2021-M06", "2021-07-05", 5)], july10.Select(Overdue));
        var owedJuly10 = await AllPages($"/api/v1/supervision/due?asOf=2021-07-10&unitId={shangsi}");
        Assert.Equal(["overdue", "due"], owedJuly10.Select(d => (string)d["state"]!));

        // 30 September: both of 上思县's missing reports are overdue; September's are owed, due in October.
        var september30 = await AllPages($"/api/v1/supervision/overdue?asOf=2021-09-30&documentId={documentId}");
        Assert.Equal(
            [(shangsi, fdi, "2021-M06", "2021-07-05", 87), (shangsi, events, "2021-Q2", "2021-07-10", 82)],
            september30.Select(Overdue));
        Assert.All(september30, o => Assert.Equal("上思县", (string?)o["unitName"]));
    }

    private async Task AssertHistory(string reportId)
    {
        var history = await AllPages($"/api/v1/progress-reports/{reportId}/history");
        Assert.Equal(
            [("created", "draft", 700m), ("submitted", "submitted", 700m), ("returned", "returned", 700m), ("edited", "returned", 720m), ("submitted", "submitted", 720m), ("accepted", "accepted", 720m)],
            history.Select(h => ((string)h["action"]!, (string)h["status"]!, (decimal)h["value"]!)));
        Assert.Equal("6月数据未含投资性公司投资，请核实后重报", (string?)history[2]["returnReason"]);
        Assert.Equal("2021-07-03T01:00:00.000000Z", (string?)history[2]["changedAt"]);
        Assert.All(history, h => Assert.False(string.IsNullOrEmpty((string?)h["changedBy"])));
    }

    private async Task AssertQ2Bulletin(string documentId, string gangkou, string fangcheng, string dongxing, string shangsi)
    {
        // Judged on 10 July: for April–June each county owed three monthly reports and the Q2 events report.
        var bulletin = await Expect(Get($"/api/v1/bulletins?documentId={documentId}&period=2021-Q2&asOf=2021-07-10"), HttpStatusCode.OK);
        Assert.Equal("2021-Q2", (string?)bulletin["period"]);
        var targets = bulletin["targets"]!.AsArray();
        Assert.Equal(4, targets.Count);
        var fdiRow = targets.Single(t => (string?)t!["indicator"] == "实际利用外资（含投资性公司投资）")!;
        Assert.Equal((3390m, 3471.2329m, "behind"), ((decimal)fdiRow["actual"]!, (decimal)fdiRow["expected"]!, (string)fdiRow["status"]!));
        var reporting = bulletin["reporting"]!.AsArray().ToDictionary(r => (string)r!["unitId"]!, r => Record(r!));
        Assert.Equal((4, 4, 4, 0, 0, 0), reporting[gangkou]);
        Assert.Equal((4, 4, 4, 0, 0, 0), reporting[fangcheng]);
        Assert.Equal((4, 4, 4, 0, 0, 0), reporting[dongxing]);   // June was returned and resubmitted, first submitted on time
        Assert.Equal((4, 2, 2, 1, 1, 0), reporting[shangsi]);    // May late, June overdue, Q2 events due today
        Assert.Equal(2, bulletin["rankings"]!.AsArray().Count);
        Assert.True((bool)bulletin["rankings"]![0]!["items"]![3]!["summoned"]!);

        // The same figures as downloads.
        foreach (var (format, read) in new (string, Func<byte[], Dictionary<string, List<string[]>>>)[] { ("text/csv", Downloads.CsvTables), ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Downloads.XlsxTables) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/bulletins?documentId={documentId}&period=2021-Q2&asOf=2021-07-10");
            request.Headers.Accept.Add(Accept(format));
            using var response = await Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(format, response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("bulletin-2021-Q2", response.Content.Headers.ContentDisposition?.FileName ?? response.Content.Headers.ContentDisposition?.FileNameStar, StringComparison.Ordinal);
            var tables = read(await response.Content.ReadAsByteArrayAsync());

            var targetRows = tables["目标完成情况 Targets"];
            Assert.Equal("指标 Indicator", targetRows[0][0]);
            var fdi = targetRows.Single(r => r[0] == "实际利用外资（含投资性公司投资）");
            Assert.Equal(["万美元", ">=", "7000", "3390", "3390", "3471.2329", "0.4843", "behind"], fdi[1..]);
            var shangsiRecord = tables["报送情况 Reporting"].Single(r => r[0] == "上思县");
            Assert.Equal(["4", "2", "2", "1", "1", "0"], shangsiRecord[1..]);
            var summoned = tables["排名 Rankings"].Skip(1).Where(r => r[^1] == "true").Select(r => (r[0], r[1], r[2])).ToList();
            Assert.Equal([("实际利用外资（含投资性公司投资）", "4", "上思县"), ("外资专题招商活动", "4", "上思县")], summoned);
        }

        using var xlsxByQuery = await Client.GetAsync($"/api/v1/bulletins?documentId={documentId}&period=2021-Q2&format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsxByQuery.Content.Headers.ContentType?.MediaType);
    }

    private static (string, decimal, decimal) Unit(JsonNode unit) => ((string)unit["status"]!, (decimal)unit["actual"]!, (decimal)unit["expected"]!);

    private static (string, string, string, string, int) Overdue(JsonNode o) =>
        ((string)o["unitId"]!, (string)o["subject"]!["id"]!, (string)o["period"]!, (string)o["dueOn"]!, (int)o["daysOverdue"]!);

    private static (int, int, int, int, int, int) Record(JsonNode r) =>
        ((int)r["due"]!, (int)r["submitted"]!, (int)r["accepted"]!, (int)r["late"]!, (int)r["overdue"]!, (int)r["returned"]!);
}
