using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PolicyApi.Api.IntegrationTests.Support;

namespace PolicyApi.Api.IntegrationTests.Supervision;

/// <summary>The review workflow and the mistakes it must refuse without changing anything.</summary>
public sealed class ReportWorkflowTests(ApiFixture fixture) : SupervisionTest(fixture)
{
    private const string Validation = "urn:policyapi:problem:validation-failed";

    [Fact]
    public async Task File_ForAPeriodOutsideTheTargetsPeriod_Returns400NamingPeriodAndStoresNothing()
    {
        var (target, county) = await AllocatedTargetAsync();

        await ExpectProblem(Post("/api/v1/progress-reports", new { unitId = county, targetId = target, period = "2022-M01", value = 100 }), HttpStatusCode.BadRequest, Validation, "period");
        await ExpectProblem(Post("/api/v1/progress-reports", new { unitId = county, targetId = target, period = "2020-W53", value = 100 }), HttpStatusCode.BadRequest, Validation, "period");

        Assert.Equal(0, await InDatabase(db => db.ProgressReports.CountAsync()));
    }

    [Fact]
    public async Task File_WithAValueInAnotherUnitOfMeasure_Returns400NamingIt()
    {
        var (target, county) = await AllocatedTargetAsync();

        var problem = await ExpectProblem(
            Post("/api/v1/progress-reports", new { unitId = county, targetId = target, period = "2021-M06", value = 0.15, unitOfMeasure = "亿美元" }),
            HttpStatusCode.BadRequest,
            Validation,
            "unitOfMeasure");

        Assert.Contains("万美元", problem["errors"]!["unitOfMeasure"]![0]!.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await InDatabase(db => db.ProgressReports.CountAsync()));
    }

    [Theory]
    [InlineData("2021-M13")]
    [InlineData("2021-W54")]
    [InlineData("2021-Q5")]
    [InlineData("2021年6月")]
    public async Task File_WithAnInvalidPeriod_Returns400(string period)
    {
        var (target, county) = await AllocatedTargetAsync();

        await ExpectProblem(Post("/api/v1/progress-reports", new { unitId = county, targetId = target, period, value = 1 }), HttpStatusCode.BadRequest, Validation, "period");
    }

    [Fact]
    public async Task File_ByAUnitWithoutAShare_Returns409()
    {
        var (target, _) = await AllocatedTargetAsync();
        var other = Id(await RegisterUnit("防城港市", "上思县", kind: "districtGovernment"));

        await ExpectProblem(Post("/api/v1/progress-reports", new { unitId = other, targetId = target, period = "2021-M06", value = 1 }), HttpStatusCode.Conflict, "urn:policyapi:problem:unit-not-responsible", "unitId");
    }

    [Fact]
    public async Task File_ASecondReportForTheSameUnitSubjectAndPeriod_Returns409NamingTheFirst()
    {
        var (target, county) = await AllocatedTargetAsync();
        var first = await Expect(Post("/api/v1/progress-reports", new { unitId = county, targetId = target, period = "2021-M06", value = 990 }), HttpStatusCode.Created);

        var problem = await ExpectProblem(Post("/api/v1/progress-reports", new { unitId = county, targetId = target, period = "2021-M06", value = 991 }), HttpStatusCode.Conflict, "urn:policyapi:problem:report-exists");

        Assert.Contains(Id(first), (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_Twice_Returns409AndKeepsOneSubmission()
    {
        var report = await DraftAsync();
        await Expect(Post($"/api/v1/progress-reports/{report}/submit", new { }), HttpStatusCode.OK);

        await ExpectProblem(Post($"/api/v1/progress-reports/{report}/submit", new { }), HttpStatusCode.Conflict, "urn:policyapi:problem:report-already-submitted");

        Assert.Equal(2, (await AllPages($"/api/v1/progress-reports/{report}/history")).Count);
    }

    [Fact]
    public async Task Accept_ADraft_Returns409AndItStaysADraft()
    {
        var report = await DraftAsync();

        await ExpectProblem(Post($"/api/v1/progress-reports/{report}/accept", new { }), HttpStatusCode.Conflict, "urn:policyapi:problem:report-not-submitted");

        Assert.Equal("draft", (string?)(await Read($"/api/v1/progress-reports/{report}")).Body["status"]);
    }

    [Fact]
    public async Task Edit_AnAcceptedReport_Returns409AndLeavesItAsAccepted()
    {
        var report = await DraftAsync();
        await Expect(Post($"/api/v1/progress-reports/{report}/submit", new { }), HttpStatusCode.OK);
        await Expect(Post($"/api/v1/progress-reports/{report}/accept", new { }), HttpStatusCode.OK);
        var (before, etag) = await Read($"/api/v1/progress-reports/{report}");

        await ExpectProblem(Put($"/api/v1/progress-reports/{report}", new { value = 1000 }, etag), HttpStatusCode.Conflict, "urn:policyapi:problem:report-accepted");
        await ExpectProblem(Post($"/api/v1/progress-reports/{report}/return", new { reason = "数据有误" }), HttpStatusCode.Conflict, "urn:policyapi:problem:report-accepted");

        var (after, _) = await Read($"/api/v1/progress-reports/{report}");
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
    }

    [Fact]
    public async Task Edit_ASubmittedReport_Returns409()
    {
        var report = await DraftAsync();
        var submitted = await Expect(Post($"/api/v1/progress-reports/{report}/submit", new { }), HttpStatusCode.OK);
        var (_, etag) = await Read($"/api/v1/progress-reports/{report}");

        await ExpectProblem(Put($"/api/v1/progress-reports/{report}", new { value = 1000 }, etag), HttpStatusCode.Conflict, "urn:policyapi:problem:report-under-review");

        Assert.Equal((decimal)submitted["value"]!, (decimal)(await Read($"/api/v1/progress-reports/{report}")).Body["value"]!);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"reason\":\"  \"}")]
    public async Task Return_WithoutAReason_Returns400AndItStaysSubmitted(string body)
    {
        var report = await DraftAsync();
        await Expect(Post($"/api/v1/progress-reports/{report}/submit", new { }), HttpStatusCode.OK);

        await ExpectProblem(Post($"/api/v1/progress-reports/{report}/return", RawJson(body)), HttpStatusCode.BadRequest, Validation, "reason");

        Assert.Equal("submitted", (string?)(await Read($"/api/v1/progress-reports/{report}")).Body["status"]);
    }

    [Fact]
    public async Task Submit_AReportOnATargetWithoutAValue_Returns400NamingValue()
    {
        var (target, county) = await AllocatedTargetAsync();
        var draft = await Expect(Post("/api/v1/progress-reports", new { unitId = county, targetId = target, period = "2021-M06", narrative = "本月无新增" }), HttpStatusCode.Created);

        await ExpectProblem(Post($"/api/v1/progress-reports/{Id(draft)}/submit", new { }), HttpStatusCode.BadRequest, Validation, "value");
    }

    [Fact]
    public async Task Step_WithAStaleIfMatch_Returns412()
    {
        var report = await DraftAsync();
        var (_, etag) = await Read($"/api/v1/progress-reports/{report}");
        var (_, current) = await Read($"/api/v1/progress-reports/{report}");
        await Expect(Put($"/api/v1/progress-reports/{report}", new { value = 995 }, current), HttpStatusCode.OK);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/progress-reports/{report}/submit") { Content = JsonBody(new { }) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        await ExpectProblem(Client.SendAsync(request), HttpStatusCode.PreconditionFailed, "urn:policyapi:problem:precondition-failed");

        Assert.Equal("draft", (string?)(await Read($"/api/v1/progress-reports/{report}")).Body["status"]);
    }

    [Theory]
    [InlineData("{\"unitId\":\"x\",\"period\":\"2021-M06\"}", "unitId")]
    [InlineData("{\"period\":\"2021-M06\",\"measureId\":\"0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d03\"}", "unitId")]
    [InlineData("{\"unitId\":\"0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d04\",\"period\":\"2021-M06\"}", "measureId")]
    [InlineData("{\"unitId\":\"0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d04\",\"measureId\":\"0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d03\",\"period\":\"2021-M06\",\"evidenceLinks\":[\"file:///etc/passwd\"]}", "evidenceLinks[0]")]
    [InlineData("{\"unitId\":\"0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d04\",\"measureId\":\"0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d03\",\"period\":\"2021-M06\",\"status\":\"accepted\"}", "status")]
    public async Task File_WithInvalidFields_Returns400NamingThem(string json, string field) =>
        await ExpectProblem(Post("/api/v1/progress-reports", RawJson(json)), HttpStatusCode.BadRequest, Validation, field);

    [Fact]
    public async Task Reports_AreListedByUnitTargetPeriodAndStatus()
    {
        var (target, county) = await AllocatedTargetAsync();
        foreach (var month in new[] { "2021-M04", "2021-M05", "2021-M06" })
        {
            await Expect(Post("/api/v1/progress-reports", new { unitId = county, targetId = target, period = month, value = 100 }), HttpStatusCode.Created);
        }

        Assert.Equal(3, (await AllPages($"/api/v1/progress-reports?unitId={county}&targetId={target}")).Count);
        Assert.Equal(["2021-M05"], (await AllPages("/api/v1/progress-reports?period=2021-M05")).Select(r => (string)r["period"]!));
        Assert.Equal(3, (await AllPages("/api/v1/progress-reports?status=draft")).Count);
        Assert.Empty(await AllPages("/api/v1/progress-reports?status=accepted"));
        await ExpectProblem(Get("/api/v1/progress-reports?status=approved"), HttpStatusCode.BadRequest, Validation, "status");
    }

    [Fact]
    public async Task Delete_ADraft_RemovesItAndItsHistory()
    {
        var report = await DraftAsync();
        var (_, etag) = await Read($"/api/v1/progress-reports/{report}");
        Assert.Equal(1, await InDatabase(db => db.ReportRevisions.CountAsync()));

        await ExpectProblem(Delete($"/api/v1/progress-reports/{report}", null), HttpStatusCode.PreconditionRequired, "urn:policyapi:problem:precondition-required");
        await ExpectProblem(Delete($"/api/v1/progress-reports/{report}", "\"stale\""), HttpStatusCode.PreconditionFailed, "urn:policyapi:problem:precondition-failed");
        await Expect(Delete($"/api/v1/progress-reports/{report}", etag), HttpStatusCode.NoContent);

        await Expect(Get($"/api/v1/progress-reports/{report}"), HttpStatusCode.NotFound);
        Assert.Equal(0, await InDatabase(db => db.ReportRevisions.CountAsync()));
    }

    [Fact]
    public async Task Delete_AReportOnceSubmitted_Returns409AndKeepsIt()
    {
        var report = await DraftAsync();
        await Expect(Post($"/api/v1/progress-reports/{report}/submit", new { }), HttpStatusCode.OK);
        var (_, submitted) = await Read($"/api/v1/progress-reports/{report}");
        await ExpectProblem(Delete($"/api/v1/progress-reports/{report}", submitted), HttpStatusCode.Conflict, "urn:policyapi:problem:report-not-draft");

        await Expect(Post($"/api/v1/progress-reports/{report}/return", new { reason = "请补充项目明细" }), HttpStatusCode.OK);
        var (_, returned) = await Read($"/api/v1/progress-reports/{report}");
        await ExpectProblem(Delete($"/api/v1/progress-reports/{report}", returned), HttpStatusCode.Conflict, "urn:policyapi:problem:report-not-draft");

        await Expect(Get($"/api/v1/progress-reports/{report}"), HttpStatusCode.OK);
    }
}
