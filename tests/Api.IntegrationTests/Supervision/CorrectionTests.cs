using System.Net;
using PolicyApi.Api.IntegrationTests.Support;
using PolicyApi.Api.Security;

namespace PolicyApi.Api.IntegrationTests.Supervision;

/// <summary>更正: an accepted report is corrected through a new revision a supervisor accepts; what was accepted stands until then, and as of earlier dates for ever.</summary>
public sealed class CorrectionTests(ApiFixture fixture) : SupervisionTest(fixture)
{
    private const string Region = "防城港市";

    private async Task<(string Target, string Unit, string June)> AcceptedJuneAsync()
    {
        var (_, fdi) = await MonthlyPlanAsync();
        var dongxing = Id(await RegisterUnit(Region, "东兴市", kind: "districtGovernment"));
        await Allocate(fdi, (dongxing, 1500m));
        await Report(dongxing, fdi, "2021-M05", 500m, "2021-06-03 10:00", "2021-06-04 10:00");
        var june = await Report(dongxing, fdi, "2021-M06", 720m, "2021-07-03 10:00", "2021-07-04 10:00");
        return (fdi, dongxing, june);
    }

    private async Task<decimal> ActualAsOf(string target, string asOf) =>
        (decimal)(await Expect(Get($"/api/v1/targets/{target}/attainment?asOf={asOf}"), HttpStatusCode.OK))["actual"]!;

    [Fact]
    public async Task AcceptedReport_Corrected_CountsTheOldFigureUntilTheCorrectionIsAccepted_AndForEverBefore()
    {
        var (target, _, june) = await AcceptedJuneAsync();
        Assert.Equal(720m, await ActualAsOf(target, "2021-07-10"));

        Clock.SetChinaTime("2021-07-15 10:00");
        var proposed = await Expect(Post($"/api/v1/progress-reports/{june}/corrections", new { value = 760, narrative = "上半年到位外资760万美元", reason = "6月漏报一个项目，更正为760万美元" }), HttpStatusCode.OK);
        Assert.True((bool)proposed["correctionPending"]!);
        Assert.Equal(720m, (decimal)proposed["value"]!);
        Assert.Equal("accepted", (string?)proposed["status"]);
        Assert.Equal(720m, await ActualAsOf(target, "2021-07-20")); // the accepted figure stands while the correction waits

        await ExpectProblem(Post($"/api/v1/progress-reports/{june}/corrections", new { value = 770, reason = "再次更正" }), HttpStatusCode.Conflict, "urn:policyapi:problem:correction-pending");

        Clock.SetChinaTime("2021-07-25 10:00");
        var corrected = await Expect(Post($"/api/v1/progress-reports/{june}/corrections/accept", new { }), HttpStatusCode.OK);
        Assert.False((bool)corrected["correctionPending"]!);
        Assert.Equal(760m, (decimal)corrected["value"]!);

        Assert.Equal(760m, await ActualAsOf(target, "2021-07-26"));
        Assert.Equal(720m, await ActualAsOf(target, "2021-07-20")); // as known then: unchanged
        Assert.Equal(720m, await ActualAsOf(target, "2021-07-10"));
        var history = await AllPages($"/api/v1/progress-reports/{june}/history");
        Assert.Equal(["accepted", "correctionProposed", "corrected"], history.Skip(history.Count - 3).Select(h => (string)h["action"]!));
        Assert.Equal(760m, (decimal)history[^2]["value"]!);
        Assert.Equal("6月漏报一个项目，更正为760万美元", (string?)history[^2]["correction"]);
    }

    [Fact]
    public async Task Correction_TurnedDown_LeavesTheAcceptedReportAsItWas()
    {
        var (target, _, june) = await AcceptedJuneAsync();
        Clock.SetChinaTime("2021-07-15 10:00");
        await Expect(Post($"/api/v1/progress-reports/{june}/corrections", new { value = 900, reason = "更正" }), HttpStatusCode.OK);

        await ExpectProblem(Post($"/api/v1/progress-reports/{june}/corrections/reject", new { }), HttpStatusCode.BadRequest, "urn:policyapi:problem:validation-failed", "reason");
        var rejected = await Expect(Post($"/api/v1/progress-reports/{june}/corrections/reject", new { reason = "未附到资凭证" }), HttpStatusCode.OK);

        Assert.False((bool)rejected["correctionPending"]!);
        Assert.Equal(720m, (decimal)rejected["value"]!);
        Assert.Equal(720m, await ActualAsOf(target, "2021-07-20"));
        await ExpectProblem(Post($"/api/v1/progress-reports/{june}/corrections/accept", new { }), HttpStatusCode.Conflict, "urn:policyapi:problem:no-correction-pending");
    }

    [Fact]
    public async Task Correction_OfAReportNotAccepted_IsA409_AndNeedsAReason()
    {
        var (target, unit, _) = await AcceptedJuneAsync();
        Clock.SetChinaTime("2021-08-03 10:00");
        var july = Id(await Expect(Post("/api/v1/progress-reports", new { unitId = unit, targetId = target, period = "2021-M07", value = 800 }), HttpStatusCode.Created));

        await ExpectProblem(Post($"/api/v1/progress-reports/{july}/corrections", new { value = 810, reason = "更正" }), HttpStatusCode.Conflict, "urn:policyapi:problem:report-not-accepted");
        await ExpectProblem(Post($"/api/v1/progress-reports/{july}/corrections", new { value = 810 }), HttpStatusCode.BadRequest, "urn:policyapi:problem:validation-failed", "reason");
    }

    [Fact]
    public async Task Correction_IsNotAcceptedByWhoeverProposedIt()
    {
        var (_, unit, june) = await AcceptedJuneAsync();
        var both = Tokens.For($"{Roles.Reporter},{Roles.Supervisor}", Guid.Parse(unit), subject: "dual-role");
        var propose = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/progress-reports/{june}/corrections") { Content = JsonBody(new { value = 760, reason = "更正" }) };
        propose.Headers.Authorization = Tokens.Bearer(both);
        await Expect(Anonymous.SendAsync(propose), HttpStatusCode.OK);

        var accept = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/progress-reports/{june}/corrections/accept") { Content = JsonBody(new { }) };
        accept.Headers.Authorization = Tokens.Bearer(both);
        await ExpectProblem(Anonymous.SendAsync(accept), HttpStatusCode.Forbidden, "urn:policyapi:problem:own-submission");
    }
}
