using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PolicyApi.Api.IntegrationTests.Support;
using PolicyApi.Api.Security;

namespace PolicyApi.Api.IntegrationTests.Security;

/// <summary>
/// Object-level rules in the handlers' path: a reporter of unit A cannot reach unit B's reports, nor file on
/// measures not assigned to A, whether the id comes by path or by body; reassignment takes effect at once;
/// nobody reviews a report they submitted.
/// </summary>
public sealed class ObjectLevelTests(ApiFixture fixture) : RegistryTest(fixture)
{
    private string _unitA = string.Empty;
    private string _unitB = string.Empty;
    private string _measureA = string.Empty;
    private string _measureB = string.Empty;
    private string _assignmentA = string.Empty;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _unitA = Id(await RegisterUnit(Lianyungang, "连云区", kind: "districtGovernment"));
        _unitB = Id(await RegisterUnit(Lianyungang, "海州区", kind: "districtGovernment"));
        var document = Id(await CreateDocument(LianyungangDocument()));
        _measureA = Id(await CreateMeasure(document, new { label = "（一）", title = "建立领导推动机制" }));
        _measureB = Id(await CreateMeasure(document, new { label = "（二）", title = "强化目标督导考核" }));
        _assignmentA = Id(await Assign(_measureA, _unitA, "responsible"));
        await Assign(_measureB, _unitB, "responsible");
    }

    private static HttpRequestMessage As(string token, HttpMethod method, string url, object? body = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = Tokens.Bearer(token);
        if (body is not null)
        {
            request.Content = JsonBody(body);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    private static string ReporterOf(string unitId, string subject) => Tokens.For(Roles.Reporter, Guid.Parse(unitId), subject: subject);

    private Task<int> Reports() => InDatabase(db => db.ProgressReports.CountAsync());

    [Fact]
    public async Task Reporter_FilesAndSubmitsForItsOwnUnitOnItsOwnMeasure()
    {
        var reporter = ReporterOf(_unitA, "reporter-a");
        var report = await Expect(Anonymous.SendAsync(As(reporter, HttpMethod.Post, "/api/v1/progress-reports",
            new { unitId = _unitA, measureId = _measureA, period = "2021-M06", narrative = "已建立专班" })), HttpStatusCode.Created);
        await Expect(Anonymous.SendAsync(As(reporter, HttpMethod.Post, $"/api/v1/progress-reports/{Id(report)}/submit", new { })), HttpStatusCode.OK);
        var history = await Expect(Anonymous.SendAsync(As(reporter, HttpMethod.Get, $"/api/v1/progress-reports/{Id(report)}/history")), HttpStatusCode.OK);
        Assert.Equal(["reporter-a", "reporter-a"], history["items"]!.AsArray().Select(v => (string)v!["changedBy"]!));
    }

    [Fact]
    public async Task Reporter_FilingForAnotherUnitByBody_Is403_AndOnAnUnassignedMeasure_Is404()
    {
        var reporter = ReporterOf(_unitA, "reporter-a");
        await ExpectProblem(Anonymous.SendAsync(As(reporter, HttpMethod.Post, "/api/v1/progress-reports",
            new { unitId = _unitB, measureId = _measureB, period = "2021-M06", narrative = "冒名" })), HttpStatusCode.Forbidden, "urn:policyapi:problem:other-unit");
        await ExpectProblem(Anonymous.SendAsync(As(reporter, HttpMethod.Post, "/api/v1/progress-reports",
            new { unitId = _unitA, measureId = _measureB, period = "2021-M06", narrative = "越权" })), HttpStatusCode.NotFound, "urn:policyapi:problem:not-found");
        Assert.Equal(0, await Reports());
    }

    [Fact]
    public async Task Reporter_ReachingAnotherUnitsReportByPath_Is404_AndByListFilter_Is403()
    {
        var other = await Expect(Post("/api/v1/progress-reports", new { unitId = _unitB, measureId = _measureB, period = "2021-M06", narrative = "海州区进展" }), HttpStatusCode.Created);
        var (_, etag) = await Read($"/api/v1/progress-reports/{Id(other)}");
        var reporter = ReporterOf(_unitA, "reporter-a");

        await ExpectProblem(Anonymous.SendAsync(As(reporter, HttpMethod.Get, $"/api/v1/progress-reports/{Id(other)}")), HttpStatusCode.NotFound, "urn:policyapi:problem:not-found");
        await ExpectProblem(Anonymous.SendAsync(As(reporter, HttpMethod.Get, $"/api/v1/progress-reports/{Id(other)}/history")), HttpStatusCode.NotFound, "urn:policyapi:problem:not-found");
        await ExpectProblem(Anonymous.SendAsync(As(reporter, HttpMethod.Put, $"/api/v1/progress-reports/{Id(other)}", new { narrative = "篡改" }, etag)), HttpStatusCode.NotFound, "urn:policyapi:problem:not-found");
        await ExpectProblem(Anonymous.SendAsync(As(reporter, HttpMethod.Post, $"/api/v1/progress-reports/{Id(other)}/submit", new { })), HttpStatusCode.NotFound, "urn:policyapi:problem:not-found");

        var refusals = await InDatabase(db => db.AuditEntries.Where(e => e.Outcome == "refused" && e.Subject == "reporter-a").Select(e => e.Method + " " + e.Status).ToListAsync());
        Assert.Equal(["GET 404", "GET 404", "POST 404", "PUT 404"], refusals.Order(StringComparer.Ordinal));

        // Its list holds its own unit's reports only; asking for another unit's by filter is refused, not answered empty.
        var listed = await Expect(Anonymous.SendAsync(As(reporter, HttpMethod.Get, "/api/v1/progress-reports")), HttpStatusCode.OK);
        Assert.Empty(listed["items"]!.AsArray());
        await ExpectProblem(Anonymous.SendAsync(As(reporter, HttpMethod.Get, $"/api/v1/progress-reports?unitId={_unitB}")), HttpStatusCode.Forbidden, "urn:policyapi:problem:other-unit");
        await Expect(Anonymous.SendAsync(As(reporter, HttpMethod.Get, $"/api/v1/progress-reports?unitId={_unitA}")), HttpStatusCode.OK);
        var (after, _) = await Read($"/api/v1/progress-reports/{Id(other)}");
        Assert.Equal("海州区进展", (string?)after["narrative"]);
        Assert.Equal("draft", (string?)after["status"]);
    }

    [Fact]
    public async Task Reassignment_TakesEffectAtOnce()
    {
        var reporter = ReporterOf(_unitA, "reporter-a");
        var (_, etag) = await Read($"/api/v1/measures/{_measureA}/assignments/{_assignmentA}");
        using (var removed = await Delete($"/api/v1/measures/{_measureA}/assignments/{_assignmentA}", etag))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        await ExpectProblem(Anonymous.SendAsync(As(reporter, HttpMethod.Post, "/api/v1/progress-reports",
            new { unitId = _unitA, measureId = _measureA, period = "2021-M06", narrative = "已不再负责" })), HttpStatusCode.NotFound, "urn:policyapi:problem:not-found");

        await Assign(_measureA, _unitA, "lead");
        await Expect(Anonymous.SendAsync(As(reporter, HttpMethod.Post, "/api/v1/progress-reports",
            new { unitId = _unitA, measureId = _measureA, period = "2021-M06", narrative = "重新负责" })), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Nobody_AcceptsOrReturnsAReportTheySubmitted()
    {
        // One person who both reports for the district and supervises: the review must come from someone else.
        var both = Tokens.For($"{Roles.Reporter},{Roles.Supervisor}", Guid.Parse(_unitA), subject: "dual-role");
        var report = await Expect(Anonymous.SendAsync(As(both, HttpMethod.Post, "/api/v1/progress-reports",
            new { unitId = _unitA, measureId = _measureA, period = "2021-M06", narrative = "自报" })), HttpStatusCode.Created);
        await Expect(Anonymous.SendAsync(As(both, HttpMethod.Post, $"/api/v1/progress-reports/{Id(report)}/submit", new { })), HttpStatusCode.OK);

        await ExpectProblem(Anonymous.SendAsync(As(both, HttpMethod.Post, $"/api/v1/progress-reports/{Id(report)}/accept", new { })), HttpStatusCode.Forbidden, "urn:policyapi:problem:own-submission");
        await ExpectProblem(Anonymous.SendAsync(As(both, HttpMethod.Post, $"/api/v1/progress-reports/{Id(report)}/return", new { reason = "自退" })), HttpStatusCode.Forbidden, "urn:policyapi:problem:own-submission");
        Assert.Equal("submitted", (string?)(await Read($"/api/v1/progress-reports/{Id(report)}")).Body["status"]);

        var other = Tokens.For(Roles.Supervisor, subject: "another-supervisor");
        var accepted = await Expect(Anonymous.SendAsync(As(other, HttpMethod.Post, $"/api/v1/progress-reports/{Id(report)}/accept", new { })), HttpStatusCode.OK);
        Assert.Equal("accepted", (string?)accepted["status"]);
    }

    [Fact]
    public async Task Reporter_SeesOnlyItsOwnUnitsDuties_AndAskingForAnotherUnits_Is403()
    {
        // A document with a monthly rhythm, so both districts owe reports: the filter has something to hide.
        var document = Id(await CreateDocument(new
        {
            title = "2021年连云港市稳外资工作方案", docNumber = "连政办发〔2021〕9号", region = Lianyungang, kind = "workPlan", status = "active",
            period = new { from = "2021-01-01", to = "2021-12-31" }, reportingCadence = new { frequency = "monthly", graceDays = 5 },
        }));
        await Assign(Id(await CreateMeasure(document, new { label = "（一）", title = "招引外资项目" })), _unitA, "lead");
        await Assign(Id(await CreateMeasure(document, new { label = "（二）", title = "服务外资企业" })), _unitB, "lead");

        var all = await Expect(Get($"/api/v1/supervision/due?asOf=2021-12-31&documentId={document}"), HttpStatusCode.OK);
        Assert.Contains(all["items"]!.AsArray(), item => (string?)item!["unitId"] == _unitB);

        var reporter = ReporterOf(_unitA, "reporter-a");
        await ExpectProblem(Anonymous.SendAsync(As(reporter, HttpMethod.Get, $"/api/v1/supervision/due?asOf=2021-12-31&documentId={document}&unitId={_unitB}")), HttpStatusCode.Forbidden, "urn:policyapi:problem:other-unit");
        await ExpectProblem(Anonymous.SendAsync(As(reporter, HttpMethod.Get, $"/api/v1/supervision/overdue?asOf=2021-12-31&unitId={_unitB}")), HttpStatusCode.Forbidden, "urn:policyapi:problem:other-unit");
        var due = await Expect(Anonymous.SendAsync(As(reporter, HttpMethod.Get, $"/api/v1/supervision/due?asOf=2021-12-31&documentId={document}")), HttpStatusCode.OK);
        Assert.NotEmpty(due["items"]!.AsArray());
        Assert.All(due["items"]!.AsArray(), item => Assert.Equal(_unitA, (string?)item!["unitId"]));
    }
}
