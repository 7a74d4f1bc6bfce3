using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PolicyApi.Api.IntegrationTests.Support;

namespace PolicyApi.Api.IntegrationTests.Conventions;

/// <summary>Each input that once answered 500: now a 400/409 problem naming the field, and nothing changed.</summary>
public sealed class BadInputTests(ApiFixture fixture) : RegistryTest(fixture)
{
    private const string Validation = "urn:policyapi:problem:validation-failed";

    [Theory]
    [InlineData("{\"region\":\"连云港市\",\"name\":\"市商务局\\u0000\",\"kind\":\"department\"}", "name")]
    [InlineData("{\"region\":\"连云港市\",\"name\":\"市商务局\\ud800\",\"kind\":\"department\"}", "name")]
    [InlineData("{\"region\":\"连云港市\",\"name\":\"市商务局\",\"aliases\":[\"\\udc00\"],\"kind\":\"department\"}", "aliases[0]")]
    [InlineData("{\"region\":\"连云港市\",\"name\":\"\\udc00市商务局\",\"kind\":\"department\"}", "name")]
    public async Task Text_WithANulOrALoneSurrogate_Is400NamingTheField_AndStoresNothing(string json, string field)
    {
        await ExpectProblem(Post("/api/v1/units", RawJson(json)), HttpStatusCode.BadRequest, Validation, field);
        Assert.Equal(0, await InDatabase(db => db.Units.CountAsync()));
    }

    [Theory]
    [InlineData("/api/v1/units?region=%E8%BF%9E%E4%BA%91%E6%B8%AF%E5%B8%82%00", "region")]
    [InlineData("/api/v1/documents?q=%00", "q")]
    [InlineData("/api/v1/audit?actor=admin%00", "actor")]
    public async Task QueryFilter_WithANul_Is400NamingTheParameter(string url, string parameter) =>
        await ExpectProblem(Get(url), HttpStatusCode.BadRequest, Validation, parameter);

    [Fact]
    public async Task AuditFilter_WithAnOffsetOtherThanZ_IsTheSameInstant()
    {
        await RegisterUnit(Lianyungang, "市商务局");
        var shanghai = await Expect(Get("/api/v1/audit?from=2000-01-01T08:00:00%2B08:00"), HttpStatusCode.OK);
        var utc = await Expect(Get("/api/v1/audit?from=2000-01-01T00:00:00Z"), HttpStatusCode.OK);
        Assert.Equal(utc["items"]!.AsArray().Count, shanghai["items"]!.AsArray().Count);
        Assert.NotEmpty(shanghai["items"]!.AsArray());
        await ExpectProblem(Get("/api/v1/audit?from=9999-12-31T23:59:59%2B14:00"), HttpStatusCode.BadRequest, Validation, "from");
    }

    [Theory]
    [InlineData("/api/v1/supervision/due?asOf=9999-12-31")]
    [InlineData("/api/v1/supervision/overdue?asOf=9000-01-01")]
    [InlineData("/api/v1/supervision/overdue?asOf=0001-01-01")]
    public async Task AsOf_FarFromAnyPolicyPeriod_Is400(string url) =>
        await ExpectProblem(Get(url), HttpStatusCode.BadRequest, Validation, "asOf");

    [Fact]
    public async Task TargetValue_BeyondWhatAQuantityHolds_Is400()
    {
        var document = Id(await CreateDocument());
        await ExpectProblem(
            Post($"/api/v1/documents/{document}/targets", RawJson("""{"indicator":"实际利用外资","unitOfMeasure":"万美元","comparator":">=","value":1e14,"period":"2021","accumulation":"cumulative"}""")),
            HttpStatusCode.BadRequest, Validation, "value");
        Assert.Equal(0, await InDatabase(db => db.Targets.CountAsync()));
    }

    [Theory]
    [InlineData("100.1234567")]
    [InlineData("0.0000000001")]
    [InlineData("1e-30")]
    [InlineData("1234.56789012345678901234567890")]
    public async Task TargetValue_WithMoreDecimalsThanAreStored_Is400NamingIt_InsteadOfBeingRoundedAway(string value)
    {
        var document = Id(await CreateDocument());
        var problem = await ExpectProblem(
            Post($"/api/v1/documents/{document}/targets", RawJson($$"""{"indicator":"实际利用外资","unitOfMeasure":"万美元","comparator":">=","value":{{value}},"period":"2021","accumulation":"cumulative"}""")),
            HttpStatusCode.BadRequest, Validation, "value");
        Assert.Contains("6 decimal places", problem["errors"]!["value"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await InDatabase(db => db.Targets.CountAsync()));

        // Zeros past the sixth place change nothing, and are taken.
        var taken = await Expect(
            Post($"/api/v1/documents/{document}/targets", RawJson("""{"indicator":"实际利用外资","unitOfMeasure":"万美元","comparator":">=","value":7000.1234560000,"period":"2021","accumulation":"cumulative"}""")),
            HttpStatusCode.Created);
        Assert.Equal(7000.123456m, taken["value"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Text_OfBytesThatAreNotUtf8_Is400SayingSo_AndStoresNothing()
    {
        byte[] body = [.. "{\"region\":\"连云港市\",\"name\":\"市商"u8, 0xC3, 0x28, .. "\",\"kind\":\"department\"}"u8];
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

        var problem = await ExpectProblem(Client.PostAsync("/api/v1/units", content), HttpStatusCode.BadRequest, Validation, "name");

        Assert.Equal("The text is not valid UTF-8.", problem["errors"]!["name"]![0]!.GetValue<string>());
        Assert.Equal(0, await InDatabase(db => db.Units.CountAsync()));
    }

    [Fact]
    public async Task UnknownProperty_InAListItem_Is400SayingSo_NotThatItIsGivenTwice()
    {
        var document = Id(await CreateDocument());
        var problem = await ExpectProblem(
            Post($"/api/v1/documents/{document}/targets", RawJson("""{"indicator":"专题招商活动","unitOfMeasure":"次","comparator":">=","value":4,"period":"2021","accumulation":"count","milestones":[{"date":"2021-06-30","value":1}]}""")),
            HttpStatusCode.BadRequest, Validation, "milestones[0].date");
        Assert.StartsWith("Unknown property", problem["errors"]!["milestones[0].date"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await InDatabase(db => db.Targets.CountAsync()));
    }

    [Fact]
    public async Task Quantity_TooLargeForADecimal_Is400SayingTheRange_NotThatItIsNoNumber()
    {
        var document = Id(await CreateDocument());
        var problem = await ExpectProblem(
            Post($"/api/v1/documents/{document}/targets", RawJson("""{"indicator":"实际利用外资","unitOfMeasure":"万美元","comparator":">=","value":1e30,"period":"2021","accumulation":"cumulative"}""")),
            HttpStatusCode.BadRequest, Validation, "value");
        Assert.Contains("between", problem["errors"]!["value"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allocation_WithMoreDecimalsThanAreStored_Is400NamingIt_AndChangesNothing()
    {
        var (target, _) = await AllocatedTarget();
        var (before, etag) = await Read($"/api/v1/targets/{target}/allocations");
        var unit = (string)before["items"]![0]!["unitId"]!;

        await ExpectProblem(
            Put($"/api/v1/targets/{target}/allocations", RawJson($$"""{"allocations":[{"unitId":"{{unit}}","value":2999.4999999}]}"""), etag),
            HttpStatusCode.BadRequest, Validation, "allocations[0].value");

        var (after, _) = await Read($"/api/v1/targets/{target}/allocations");
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
    }

    [Fact]
    public async Task Allocations_WithANullShare_Is400()
    {
        var (target, _) = await AllocatedTarget();
        var (_, etag) = await Read($"/api/v1/targets/{target}/allocations");
        await ExpectProblem(Put($"/api/v1/targets/{target}/allocations", RawJson("""{"allocations":[null]}"""), etag), HttpStatusCode.BadRequest, Validation, "allocations[0]");
    }

    [Fact]
    public async Task Target_RevisedBelowItsAllocations_Is409_AndAttainmentRankingsAndBulletinStillAnswer()
    {
        var (target, document) = await AllocatedTarget();
        var (_, etag) = await Read($"/api/v1/targets/{target}");
        await ExpectProblem(
            Put($"/api/v1/targets/{target}", new { indicator = "实际利用外资", unitOfMeasure = "万美元", comparator = ">=", value = 0, period = "2021", accumulation = "cumulative" }, etag),
            HttpStatusCode.Conflict, "urn:policyapi:problem:target-below-allocations");

        await Expect(Get($"/api/v1/targets/{target}/attainment?asOf=2021-06-30"), HttpStatusCode.OK);
        await Expect(Get($"/api/v1/supervision/rankings?targetId={target}&asOf=2021-06-30"), HttpStatusCode.OK);
        await Expect(Get($"/api/v1/bulletins?documentId={document}&period=2021-Q2"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Target_OfValueZero_HasAttainmentRankingsAndBulletin()
    {
        var document = Id(await CreateDocument());
        var target = Id(await Expect(Post($"/api/v1/documents/{document}/targets", new { indicator = "安全生产事故", unitOfMeasure = "次", comparator = "<=", value = 0, period = "2021", accumulation = "count", milestones = new[] { new { by = "2021-06-30", value = 0 } } }), HttpStatusCode.Created));
        await Expect(Get($"/api/v1/targets/{target}/attainment?asOf=2021-06-30"), HttpStatusCode.OK);
        await Expect(Get($"/api/v1/bulletins?documentId={document}&period=2021-Q2"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Milestone_BeyondTheTarget_Is400NamingIt()
    {
        var document = Id(await CreateDocument());
        await ExpectProblem(
            Post($"/api/v1/documents/{document}/targets", new { indicator = "新增外资项目", unitOfMeasure = "个", comparator = ">=", value = 100, period = "2021", accumulation = "count", milestones = new[] { new { by = "2021-06-30", value = 500 } } }),
            HttpStatusCode.BadRequest, Validation, "milestones[0].value");
    }

    [Theory]
    [InlineData("application/json; charset=\"utf-8\"", HttpStatusCode.Created)]
    [InlineData("application/json; charset=UTF-8", HttpStatusCode.Created)]
    [InlineData("application/json; charset=latin1", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/json; charset=bogus", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/json; charset=", HttpStatusCode.UnsupportedMediaType)]
    public async Task Body_InACharsetOtherThanUtf8_Is415_AndAQuotedUtf8IsUtf8(string contentType, HttpStatusCode expected)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/units") { Content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes("""{"region":"连云港市","name":"市商务局","kind":"department"}""")) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var response = await Client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.UnsupportedMediaType)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(0, await InDatabase(db => db.Units.CountAsync()));
        }
        else
        {
            Assert.Equal("连云港市", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["region"]);
        }
    }

    [Fact]
    public async Task Names_WithCodePointsThatAreNotCharacters_AreStoredAndFoundNot500()
    {
        await Expect(Post("/api/v1/units", RawJson("""{"region":"连云港市","name":"x\ufffey","kind":"department"}""")), HttpStatusCode.Created);
        await Expect(Get("/api/v1/units?region=%E8%BF%9E%E4%BA%91%E6%B8%AF%E5%B8%82&name=x%EF%BF%BEy"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Exports_OfTextWithControlCharactersOrFormulas_AreWholeAndInert()
    {
        var document = Id(await CreateDocument());
        await CreateMeasure(document, new { label = "（一）", title = "a\u0001b" });
        await CreateMeasure(document, new { label = "（二）", title = "=HYPERLINK(\"http://evil\",\"x\")" });

        using var xlsx = await Client.GetAsync($"/api/v1/documents/{document}/task-table?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var sheets = Downloads.XlsxTables(await xlsx.Content.ReadAsByteArrayAsync());
        Assert.Contains(sheets.Values.SelectMany(rows => rows).SelectMany(r => r), cell => cell == "a\uFFFDb");

        using var csv = await Client.GetAsync($"/api/v1/documents/{document}/task-table?format=csv");
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains("'=HYPERLINK", text, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", text, StringComparison.Ordinal);
    }

    private async Task<(string Target, string Document)> AllocatedTarget()
    {
        var county = Id(await RegisterUnit(Lianyungang, "连云区", kind: "districtGovernment"));
        var document = Id(await CreateDocument());
        var target = Id(await Expect(Post($"/api/v1/documents/{document}/targets", new { indicator = "实际利用外资", unitOfMeasure = "万美元", comparator = ">=", value = 7000, period = "2021", accumulation = "cumulative" }), HttpStatusCode.Created));
        var (_, etag) = await Read($"/api/v1/targets/{target}/allocations");
        await Expect(Put($"/api/v1/targets/{target}/allocations", new { allocations = new[] { new { unitId = county, value = 1000 } } }, etag), HttpStatusCode.OK);
        return (target, document);
    }
}
