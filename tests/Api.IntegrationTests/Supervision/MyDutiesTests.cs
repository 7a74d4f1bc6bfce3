using System.Net;
using PolicyApi.Api.IntegrationTests.Support;
using PolicyApi.Api.Security;

namespace PolicyApi.Api.IntegrationTests.Supervision;

/// <summary>A reporter's "what do I owe" screen: one small answer with the reports owed and those sent back.</summary>
public sealed class MyDutiesTests(ApiFixture fixture) : SupervisionTest(fixture)
{
    private const string Region = "防城港市";

    [Fact]
    public async Task Reporter_GetsWhatItsUnitOwes_OverdueFirst_AndWhatWasReturnedWithTheReason()
    {
        var (_, fdi) = await MonthlyPlanAsync();
        var shangsi = Id(await RegisterUnit(Region, "上思县", kind: "districtGovernment"));
        var dongxing = Id(await RegisterUnit(Region, "东兴市", kind: "districtGovernment"));
        await Allocate(fdi, (shangsi, 500m), (dongxing, 1500m));
        for (var month = 1; month <= 4; month++)
        {
            await Report(shangsi, fdi, $"2021-M0{month}", 40m * month, $"2021-0{month + 1}-03 10:00", $"2021-0{month + 1}-04 10:00");
        }

        var may = await Report(shangsi, fdi, "2021-M05", 210m, "2021-06-03 10:00", acceptedAt: null);
        Clock.SetChinaTime("2021-06-04 10:00");
        await Expect(Post($"/api/v1/progress-reports/{may}/return", new { reason = "请补充到资项目明细" }), HttpStatusCode.OK);
        Clock.SetChinaTime("2021-07-10 10:00");

        var reporter = Tokens.For(Roles.Reporter, Guid.Parse(shangsi), subject: "shangsi-reporter");
        var duties = await Expect(Anonymous.SendAsync(As(reporter, "/api/v1/me/duties")), HttpStatusCode.OK);

        Assert.Equal(shangsi, (string?)duties["unitId"]);
        Assert.Equal("上思县", (string?)duties["unitName"]);
        Assert.Equal("2021-07-10", (string?)duties["asOf"]);
        Assert.Equal(
            [("2021-M05", "2021-06-05", "overdue", 35, may), ("2021-M06", "2021-07-05", "overdue", 5, null)],
            duties["owed"]!.AsArray().Select(o => ((string)o!["period"]!, (string)o["dueOn"]!, (string)o["state"]!, (int)o["daysOverdue"]!, (string?)o["reportId"])));
        Assert.All(duties["owed"]!.AsArray(), o => Assert.Equal(fdi, (string?)o!["subject"]!["id"]));
        Assert.False((bool)duties["moreOwed"]!);
        var returned = Assert.Single(duties["returned"]!.AsArray());
        Assert.Equal((may, "2021-M05", "请补充到资项目明细"), ((string)returned!["reportId"]!, (string)returned["period"]!, (string)returned["returnReason"]!));

        // As of 3 June, before the return, nothing had been sent back yet.
        var earlier = await Expect(Anonymous.SendAsync(As(reporter, "/api/v1/me/duties?asOf=2021-06-03")), HttpStatusCode.OK);
        Assert.Empty(earlier["returned"]!.AsArray());

        // Another unit's reporter sees its own unit only.
        var other = await Expect(Anonymous.SendAsync(As(Tokens.For(Roles.Reporter, Guid.Parse(dongxing), subject: "dongxing-reporter"), "/api/v1/me/duties?asOf=2021-07-10")), HttpStatusCode.OK);
        Assert.Equal(dongxing, (string?)other["unitId"]);
        Assert.Empty(other["returned"]!.AsArray());
        Assert.Equal(6, other["owed"]!.AsArray().Count); // nothing reported: January to June
    }

    [Fact]
    public async Task TokenWithoutAUnit_Is403()
    {
        var system = Tokens.For(Roles.System, subject: "no-unit-system", scopes: [Scopes.ReportsWrite]);
        await ExpectProblem(Anonymous.SendAsync(As(system, "/api/v1/me/duties")), HttpStatusCode.Forbidden, "urn:policyapi:problem:no-unit");
    }

    [Fact]
    public async Task AsOf_NotADate_Is400NamingIt()
    {
        var unit = Id(await RegisterUnit(Region, "上思县", kind: "districtGovernment"));
        await ExpectProblem(Anonymous.SendAsync(As(Tokens.For(Roles.Reporter, Guid.Parse(unit), subject: "r"), "/api/v1/me/duties?asOf=2021-02-30")), HttpStatusCode.BadRequest, "urn:policyapi:problem:validation-failed", "asOf");
    }

    private static HttpRequestMessage As(string token, string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = Tokens.Bearer(token);
        return request;
    }
}
