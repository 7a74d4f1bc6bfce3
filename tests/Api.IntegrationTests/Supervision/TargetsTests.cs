using System.Net;
using Microsoft.EntityFrameworkCore;
using PolicyApi.Api.IntegrationTests.Support;

namespace PolicyApi.Api.IntegrationTests.Supervision;

public sealed class TargetsTests(ApiFixture fixture) : SupervisionTest(fixture)
{
    private const string Validation = "urn:policyapi:problem:validation-failed";

    [Fact]
    public async Task Set_ThenReviseWithTheETagOfTheCreate_Succeeds()
    {
        var document = await CreateDocument();

        using var created = await Post($"/api/v1/documents/{Id(document)}/targets", new { indicator = "审批时限", text = "全过程审批时限不超过10个工作日", unitOfMeasure = "工作日", comparator = "<=", value = 10, period = "2021", accumulation = "level" });
        var body = System.Text.Json.Nodes.JsonNode.Parse(await created.Content.ReadAsStringAsync())!;

        Assert.Equal("<=", (string?)body["comparator"]);
        Assert.Equal("lowerIsBetter", (string?)body["direction"]);
        Assert.Equal("2021", (string?)body["period"]);
        Assert.Equal("2021-12-31", (string?)body["periodEnd"]);
        var (_, readTag) = await Read($"/api/v1/targets/{Id(body)}");
        Assert.Equal(ETag(created), readTag);
        await Expect(Put($"/api/v1/targets/{Id(body)}", new { indicator = "审批时限", unitOfMeasure = "工作日", comparator = "<=", value = 8, period = "2021-03-01/2022-02-28", accumulation = "level" }, ETag(created)), HttpStatusCode.OK);
        var (revised, _) = await Read($"/api/v1/targets/{Id(body)}");
        Assert.Equal("2021-03-01/2022-02-28", (string?)revised["period"]);
        Assert.Equal(8m, (decimal)revised["value"]!);
    }

    [Theory]
    [InlineData("{\"unitOfMeasure\":\"万美元\",\"comparator\":\">=\",\"value\":7000,\"period\":\"2021\",\"accumulation\":\"cumulative\"}", "indicator")]
    [InlineData("{\"indicator\":\"实际利用外资\",\"unitOfMeasure\":\"万美元\",\"comparator\":\"≥\",\"value\":7000,\"period\":\"2021\",\"accumulation\":\"cumulative\"}", "comparator")]
    [InlineData("{\"indicator\":\"实际利用外资\",\"unitOfMeasure\":\"万美元\",\"comparator\":\">=\",\"value\":\"七千\",\"period\":\"2021\",\"accumulation\":\"cumulative\"}", "value")]
    [InlineData("{\"indicator\":\"实际利用外资\",\"unitOfMeasure\":\"万美元\",\"comparator\":\">=\",\"value\":7000,\"period\":\"2021年\",\"accumulation\":\"cumulative\"}", "period")]
    [InlineData("{\"indicator\":\"实际利用外资\",\"unitOfMeasure\":\"万美元\",\"comparator\":\">=\",\"value\":7000,\"period\":\"2021-12-31/2021-01-01\",\"accumulation\":\"cumulative\"}", "period")]
    [InlineData("{\"indicator\":\"实际利用外资\",\"unitOfMeasure\":\"万美元\",\"comparator\":\">=\",\"value\":7000,\"period\":\"2021\",\"accumulation\":\"average\"}", "accumulation")]
    [InlineData("{\"indicator\":\"外资专题招商活动\",\"unitOfMeasure\":\"次\",\"comparator\":\">=\",\"value\":4,\"period\":\"2021\",\"accumulation\":\"count\",\"scope\":\"eachUnit\"}", "scopeUnitIds")]
    [InlineData("{\"indicator\":\"实际利用外资同比增长\",\"unitOfMeasure\":\"万美元\",\"comparator\":\">=\",\"value\":20,\"period\":\"2021\",\"accumulation\":\"cumulative\",\"baseline\":{\"value\":5800,\"unitOfMeasure\":\"万美元\",\"period\":\"2020\"}}", "unitOfMeasure")]
    [InlineData("{\"indicator\":\"实际利用外资\",\"unitOfMeasure\":\"万美元\",\"comparator\":\">=\",\"value\":7000,\"period\":\"2021\",\"accumulation\":\"cumulative\",\"reportingCadence\":{\"frequency\":\"monthly\",\"graceDays\":-1}}", "reportingCadence.graceDays")]
    [InlineData("{\"indicator\":\"实际利用外资\",\"unitOfMeasure\":\"万美元\",\"comparator\":\">=\",\"value\":7000,\"period\":\"2021\",\"accumulation\":\"cumulative\",\"milestones\":[{\"by\":\"2022-06-30\",\"value\":3500}]}", "milestones[0].by")]
    public async Task Set_WithInvalidFields_Returns400NamingThemAndStoresNothing(string json, string field)
    {
        var document = await CreateDocument();

        await ExpectProblem(Post($"/api/v1/documents/{Id(document)}/targets", RawJson(json)), HttpStatusCode.BadRequest, Validation, field);

        Assert.Equal(0, await InDatabase(db => db.Targets.CountAsync()));
    }

    [Theory]
    [InlineData("≥")]
    [InlineData("atLeast")]
    [InlineData("以上")]
    public async Task Set_WithAnUnknownComparator_Returns400ListingExactlyTheAcceptedSpellings(string comparator)
    {
        var document = await CreateDocument();

        var problem = await ExpectProblem(
            Post($"/api/v1/documents/{Id(document)}/targets", new { indicator = "实际利用外资", unitOfMeasure = "万美元", comparator, value = 7000, period = "2021", accumulation = "cumulative" }),
            HttpStatusCode.BadRequest,
            Validation,
            "comparator");

        Assert.Equal("The value is not one of: >=, <=, =.", (string?)problem["errors"]!["comparator"]![0]);
    }

    [Fact]
    public async Task Cadence_WithANegativeGracePeriodOnADocument_Returns400AndChangesNothing()
    {
        var document = await CreateDocument();
        var (_, etag) = await Read($"/api/v1/documents/{Id(document)}");

        await ExpectProblem(
            Put($"/api/v1/documents/{Id(document)}", new { title = "连云港市稳外资促发展若干措施", region = "连云港市", kind = "measures", status = "active", reportingCadence = new { frequency = "weekly", graceDays = -2 } }, etag),
            HttpStatusCode.BadRequest,
            Validation,
            "reportingCadence.graceDays");

        Assert.Null((await Read($"/api/v1/documents/{Id(document)}")).Body["reportingCadence"]);
    }

    [Fact]
    public async Task Set_ForAMissingDocument_Returns404() =>
        await ExpectProblem(
            Post($"/api/v1/documents/{Guid.NewGuid()}/targets", new { indicator = "实际利用外资", unitOfMeasure = "万美元", comparator = ">=", value = 7000, period = "2021", accumulation = "cumulative" }),
            HttpStatusCode.NotFound,
            "urn:policyapi:problem:not-found");

    [Fact]
    public async Task Allocate_AGrowthRateOrALevel_Returns409()
    {
        var document = await CreateDocument();
        var county = Id(await RegisterUnit("连云港市", "连云区", kind: "districtGovernment"));
        var rate = Id(await SetTarget(Id(document), new { indicator = "落地率", unitOfMeasure = "%", comparator = ">=", value = 20, period = "2021", accumulation = "level" }));
        var (_, etag) = await Read($"/api/v1/targets/{rate}/allocations");

        await ExpectProblem(Put($"/api/v1/targets/{rate}/allocations", new { allocations = new[] { new { unitId = county, value = 20 } } }, etag), HttpStatusCode.Conflict, "urn:policyapi:problem:target-not-allocatable");
    }

    [Fact]
    public async Task Allocate_ToAUnitOfAnotherRegionOrTwiceToOneUnit_Returns400()
    {
        var document = await CreateDocument();
        var county = Id(await RegisterUnit("连云港市", "连云区", kind: "districtGovernment"));
        var dalian = Id(await RegisterUnit("大连市", "金普新区", kind: "functionalZone"));
        var target = Id(await SetTarget(Id(document), new { indicator = "实际利用外资", unitOfMeasure = "亿美元", comparator = ">=", value = 10, period = "2021", accumulation = "cumulative" }));
        var (_, etag) = await Read($"/api/v1/targets/{target}/allocations");

        await ExpectProblem(Put($"/api/v1/targets/{target}/allocations", new { allocations = new[] { new { unitId = dalian, value = 1 } } }, etag), HttpStatusCode.BadRequest, Validation, "allocations[0].unitId");
        await ExpectProblem(Put($"/api/v1/targets/{target}/allocations", new { allocations = new[] { new { unitId = county, value = 1 }, new { unitId = county, value = 2 } } }, etag), HttpStatusCode.BadRequest, Validation, "allocations[1].unitId");
        await ExpectProblem(Put($"/api/v1/targets/{target}/allocations", new { allocations = new[] { new { unitId = county, value = 0 } } }, etag), HttpStatusCode.BadRequest, Validation, "allocations[0].value");
        Assert.Equal(0m, (decimal)(await Read($"/api/v1/targets/{target}/allocations")).Body["allocated"]!);
    }

    [Fact]
    public async Task Remove_ATargetWithReports_Returns409()
    {
        var document = await CreateDocument(new { title = "2021年防城港市扩大利用外资规模工作方案", region = "防城港市", kind = "workPlan", status = "active" });
        var county = Id(await RegisterUnit("防城港市", "东兴市", kind: "districtGovernment"));
        var target = Id(await SetTarget(Id(document), new { indicator = "实际利用外资", unitOfMeasure = "万美元", comparator = ">=", value = 7000, period = "2021", accumulation = "cumulative" }));
        await Allocate(target, (county, 1500m));
        await Expect(Post("/api/v1/progress-reports", new { unitId = county, targetId = target, period = "2021-M01", value = 100 }), HttpStatusCode.Created);
        var (_, etag) = await Read($"/api/v1/targets/{target}");

        await ExpectProblem(Delete($"/api/v1/targets/{target}", etag), HttpStatusCode.Conflict, "urn:policyapi:problem:target-in-use");
    }

    [Fact]
    public async Task Attainment_WithMilestones_UsesTheLatestMilestoneReachedAsExpectedProgress()
    {
        var document = await CreateDocument();
        var target = Id(await SetTarget(Id(document), new
        {
            indicator = "实际利用外资",
            unitOfMeasure = "亿美元",
            comparator = ">=",
            value = 10,
            period = "2021",
            accumulation = "increments",
            milestones = new[] { new { by = "2021-06-30", value = 3m }, new { by = "2021-12-31", value = 10m } },
        }));

        var june = await Expect(Get($"/api/v1/targets/{target}/attainment?asOf=2021-06-30"), HttpStatusCode.OK);
        var may = await Expect(Get($"/api/v1/targets/{target}/attainment?asOf=2021-05-31"), HttpStatusCode.OK);

        Assert.Equal(3m, (decimal)june["expected"]!);
        Assert.Equal(0m, (decimal)may["expected"]!);
        Assert.Equal("notStarted", (string?)may["status"]);
        await ExpectProblem(Get($"/api/v1/targets/{target}/attainment?asOf=2021-6-30"), HttpStatusCode.BadRequest, Validation, "asOf");
    }

    [Fact]
    public async Task Rankings_OfATargetWithoutShares_Returns409AndWithoutTargetId400()
    {
        var document = await CreateDocument();
        var target = Id(await SetTarget(Id(document), new { indicator = "实际利用外资", unitOfMeasure = "亿美元", comparator = ">=", value = 10, period = "2021", accumulation = "cumulative" }));

        await ExpectProblem(Get($"/api/v1/supervision/rankings?targetId={target}&asOf=2021-06-30"), HttpStatusCode.Conflict, "urn:policyapi:problem:target-not-ranked");
        await ExpectProblem(Get("/api/v1/supervision/rankings?asOf=2021-06-30"), HttpStatusCode.BadRequest, Validation, "targetId");
    }

    [Fact]
    public async Task Bulletin_WithAnUnknownFormatOrUnacceptableMediaType_Returns400Or406()
    {
        var document = await CreateDocument();

        await ExpectProblem(Get($"/api/v1/bulletins?documentId={Id(document)}&period=2021-Q2&format=pdf"), HttpStatusCode.BadRequest, Validation, "format");
        await ExpectProblem(Get($"/api/v1/bulletins?documentId={Id(document)}&period=2021-Q7"), HttpStatusCode.BadRequest, Validation, "period");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/bulletins?documentId={Id(document)}&period=2021-Q2");
        request.Headers.Accept.Add(Accept("application/pdf"));
        await ExpectProblem(Client.SendAsync(request), HttpStatusCode.NotAcceptable, "urn:policyapi:problem:not-acceptable");
        await ExpectProblem(Get($"/api/v1/bulletins?documentId={Guid.NewGuid()}&period=2021-Q2"), HttpStatusCode.NotFound, "urn:policyapi:problem:not-found");
    }

    [Fact]
    public async Task TaskTable_OfALianyungangDocument_DownloadsAsCsvAndXlsxWithUnitsByRole()
    {
        var document = await CreateDocument();
        var chapter = await CreateChapter(Id(document), "二、", "贯彻落实对外开放政策");
        var measure = await CreateMeasure(Id(document), new { label = "（三）", title = "拓宽利用外资领域", chapterId = Id(chapter), blanketAssignment = new { text = "各县区、功能板块", unitKinds = new[] { "districtGovernment", "functionalZone" } } });
        await Assign(Id(measure), Id(await RegisterUnit("连云港市", "市商务局")), "lead");
        await Assign(Id(measure), Id(await RegisterUnit("连云港市", "市发改委")), "cooperating");
        await Assign(Id(measure), Id(await RegisterUnit("连云港市", "人行连云港市中心支行", kind: "verticalAgency")), "cooperating");

        var json = await Expect(Get($"/api/v1/documents/{Id(document)}/task-table"), HttpStatusCode.OK);
        Assert.Equal(["市发改委", "人行连云港市中心支行"], json["rows"]![0]!["cooperating"]!.AsArray().Select(u => (string)u!));

        using var csv = await Client.GetAsync($"/api/v1/documents/{Id(document)}/task-table?format=csv");
        var csvRow = Downloads.CsvTables(await csv.Content.ReadAsByteArrayAsync())["任务分解表 Tasks"][1];
        Assert.Equal(["1", "二、贯彻落实对外开放政策", "（三）", "拓宽利用外资领域", string.Empty, "市商务局", "市发改委、人行连云港市中心支行", string.Empty, "各县区、功能板块", string.Empty], csvRow);

        using var xlsx = await Client.GetAsync($"/api/v1/documents/{Id(document)}/task-table?format=xlsx");
        var xlsxRow = Downloads.XlsxTables(await xlsx.Content.ReadAsByteArrayAsync())["任务分解表 Tasks"][1];
        Assert.Equal("市发改委、人行连云港市中心支行", xlsxRow[6]);
    }
}
