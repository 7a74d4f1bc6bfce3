using System.Net;
using PolicyApi.Api.IntegrationTests.Support;

namespace PolicyApi.Api.IntegrationTests.Supervision;

/// <summary>
/// Lianyungang's 周跟踪、月通报、季督查: weekly, monthly and quarterly reporting on measures, checked across
/// period boundaries — the ISO week that straddles New Year (2020-W53), month and quarter ends, and 29 February 2024.
/// </summary>
public sealed class LianyungangCadenceTests(ApiFixture fixture) : SupervisionTest(fixture)
{
    [Fact]
    public async Task WeeklyMonthlyQuarterly_AcrossTheYearEnd_FallDueAfterTheirGraceAndThenTurnOverdue()
    {
        var (document, commerce, weekly, monthly, quarterly) = await ThreeCadencesAsync("2020-12-01", "2021-01-31");

        // Weekly reports (2 days' grace) for the weeks ending 6, 13, 20 and 27 December, on time.
        foreach (var (week, sunday) in new[] { ("2020-W49", "2020-12-07"), ("2020-W50", "2020-12-14"), ("2020-W51", "2020-12-21"), ("2020-W52", "2020-12-28") })
        {
            await Report(commerce, null, week, null, $"{sunday} 09:00", $"{sunday} 17:00", measureId: weekly);
        }

        // 5 January 2021: 2020-W53 (28 Dec – 3 Jan) is due today, December's monthly report too (5 days' grace),
        // and the fourth quarter's (10 days' grace) on the 10th. Nothing is late yet.
        var due = await AllPages($"/api/v1/supervision/due?asOf=2021-01-05&documentId={document}");
        Assert.Equal(
            [("2020-M12", monthly, "2020-12-01", "2020-12-31", "2021-01-05", "due"), ("2020-W53", weekly, "2020-12-28", "2021-01-03", "2021-01-05", "due"), ("2020-Q4", quarterly, "2020-10-01", "2020-12-31", "2021-01-10", "due")],
            due.Select(d => ((string)d["period"]!, (string)d["subject"]!["id"]!, (string)d["periodStart"]!, (string)d["periodEnd"]!, (string)d["dueOn"]!, (string)d["state"]!)).OrderBy(d => d.Item5).ThenBy(d => d.Item1));
        Assert.Empty(await AllPages($"/api/v1/supervision/overdue?asOf=2021-01-05&documentId={document}"));

        // 6 January: the week and the month are a day late; the quarter is not yet.
        var overdue = await AllPages($"/api/v1/supervision/overdue?asOf=2021-01-06&documentId={document}");
        Assert.Equal([("2020-M12", 1), ("2020-W53", 1)], overdue.Select(o => ((string)o["period"]!, (int)o["daysOverdue"]!)).OrderBy(o => o.Item1));

        // The week straddling New Year is reported on the 7th: late, no longer overdue. 2021-W01 (4–10 January) is due on the 12th.
        await Report(commerce, null, "2020-W53", null, "2021-01-07 09:00", null, measureId: weekly);
        var january11 = await AllPages($"/api/v1/supervision/overdue?asOf=2021-01-11&documentId={document}");
        Assert.Equal(
            [("2020-M12", 6), ("2020-Q4", 1)],
            january11.Select(o => ((string)o["period"]!, (int)o["daysOverdue"]!)).OrderBy(o => o.Item1));
        Assert.All(january11, o => Assert.Equal("市商务局", (string?)o["unitName"]));
    }

    [Fact]
    public async Task Monthly_InALeapYear_FebruaryEndsOnThe29thAndFallsDueOnMarch5th()
    {
        var (document, commerce, _, monthly, _) = await ThreeCadencesAsync("2024-01-01", "2024-06-30");

        // January's report arrives late, on 10 February (due 5 February).
        await Report(commerce, null, "2024-M01", null, "2024-02-10 09:00", "2024-02-11 09:00", measureId: monthly);

        Assert.DoesNotContain(await Owed(document, "2024-02-28"), o => o.Period == "2024-M02");
        Assert.Contains(("2024-M02", "2024-03-05", "due"), await Owed(document, "2024-02-29"));
        Assert.Contains(("2024-M02", "2024-03-05", "due"), await Owed(document, "2024-03-05"));
        Assert.Contains(("2024-M02", "2024-03-05", "overdue"), await Owed(document, "2024-03-06"));
        Assert.DoesNotContain(await Owed(document, "2024-03-06"), o => o.Period == "2024-M01");

        var (_, weeklyOnLeapDay, _) = (await Owed(document, "2024-03-04")).Single(o => o.Period == "2024-W09");
        Assert.Equal("2024-03-05", weeklyOnLeapDay); // week of 26 Feb – 3 Mar, through the 29th, due two days after Sunday
    }

    [Fact]
    public async Task Obligations_OnlyComeFromActiveDocumentsAndLeadOrResponsibleUnits()
    {
        var (document, _, weekly, _, _) = await ThreeCadencesAsync("2021-01-01", "2021-03-31");
        var cooperating = await RegisterUnit("连云港市", "市发改委");
        await Assign(weekly, Id(cooperating), "cooperating");

        Assert.Empty(await AllPages($"/api/v1/supervision/due?asOf=2021-02-01&unitId={Id(cooperating)}"));

        var (doc, etag) = await Read($"/api/v1/documents/{document}");
        await Expect(Put($"/api/v1/documents/{document}", new { title = (string)doc["title"]!, region = "连云港市", kind = "measures", status = "archived", period = new { from = "2021-01-01", to = "2021-03-31" }, reportingCadence = new { frequency = "weekly", graceDays = 2 } }, etag), HttpStatusCode.OK);
        Assert.Empty(await AllPages($"/api/v1/supervision/due?asOf=2021-02-01&documentId={document}"));
    }

    private async Task<List<(string Period, string DueOn, string State)>> Owed(string documentId, string asOf) =>
        [.. (await AllPages($"/api/v1/supervision/due?asOf={asOf}&documentId={documentId}")).Select(o => ((string)o["period"]!, (string)o["dueOn"]!, (string)o["state"]!))];

    /// <summary>A Lianyungang document tracked weekly (2 days' grace), with one measure reported monthly and one quarterly, all led by 市商务局.</summary>
    private async Task<(string Document, string Commerce, string Weekly, string Monthly, string Quarterly)> ThreeCadencesAsync(string from, string to)
    {
        var commerce = Id(await RegisterUnit("连云港市", "市商务局"));
        var document = Id(await CreateDocument(new
        {
            title = "市政府关于印发连云港市稳外资促发展若干措施的通知",
            region = "连云港市",
            kind = "measures",
            status = "active",
            period = new { from, to },
            reportingCadence = new { frequency = "weekly", graceDays = 2 }, // 周跟踪
        }));
        var weekly = Id(await CreateMeasure(document, new { label = "（六）", title = "充分发挥外资工作专班作用" }));
        var monthly = Id(await CreateMeasure(document, new { label = "（二）", title = "强化目标督导考核", reportingCadence = new { frequency = "monthly", graceDays = 5 } })); // 月通报
        var quarterly = Id(await CreateMeasure(document, new { label = "（七）", title = "优化投资促进工作体系", reportingCadence = new { frequency = "quarterly", graceDays = 10 } })); // 季督查
        foreach (var measure in new[] { weekly, monthly, quarterly })
        {
            await Assign(measure, commerce, "lead");
        }

        return (document, commerce, weekly, monthly, quarterly);
    }
}
