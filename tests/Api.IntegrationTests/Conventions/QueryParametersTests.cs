using System.Net;
using System.Text.Json.Nodes;
using PolicyApi.Api.IntegrationTests.Support;

namespace PolicyApi.Api.IntegrationTests.Conventions;

/// <summary>Query parameters are camelCase like the JSON; the PascalCase spellings v1 once documented still bind.</summary>
public sealed class QueryParametersTests(ApiFixture fixture) : RegistryTest(fixture)
{
    private const string Validation = "urn:policyapi:problem:validation-failed";

    [Theory]
    [InlineData("asOf")]
    [InlineData("AsOf")]
    [InlineData("ASOF")]
    public async Task AsOf_InEitherSpelling_IsReadAndNamedAsOfWhenInvalid(string spelling)
    {
        await ExpectProblem(Get($"/api/v1/supervision/due?{spelling}=2021-02-30"), HttpStatusCode.BadRequest, Validation, "asOf");

        var page = await Expect(Get($"/api/v1/supervision/due?{spelling}=2021-07-10"), HttpStatusCode.OK);
        Assert.Empty(page["items"]!.AsArray());
    }

    [Fact]
    public async Task EnumFilters_ListTheirValuesInOpenApi_AndEveryListedValueIsAccepted()
    {
        var document = await Expect(Get("/swagger/v1/swagger.json"), HttpStatusCode.OK);
        var listed = (
            from path in document["paths"]!.AsObject()
            where !path.Key.Contains('{', StringComparison.Ordinal)
            let get = path.Value!["get"]
            where get is not null
            from parameter in get["parameters"]?.AsArray() ?? []
            where (string?)parameter!["in"] == "query" && (string?)parameter["name"] != "format" && parameter["schema"]?["enum"] is JsonArray
            from value in parameter["schema"]!["enum"]!.AsArray()
            select (Path: path.Key, Name: (string)parameter["name"]!, Value: (string)value!)).ToList();

        // Each list's text filter that names an enum (format, the answer's media type, is another matter) says which values it takes (a client generator offers them) …
        Assert.Equal(["draft", "active", "archived"], listed.Where(p => p is { Path: "/api/v1/documents", Name: "status" }).Select(p => p.Value));
        foreach (var (path, name) in new[] { ("/api/v1/documents", "kind"), ("/api/v1/measures", "role"), ("/api/v1/measures", "kind"), ("/api/v1/progress-reports", "status"), ("/api/v1/units", "kind"), ("/api/v1/webhooks", "status") })
        {
            Assert.Contains(listed, p => p.Path == path && p.Name == name);
        }

        // … and takes every value it lists, in the case OpenAPI gives and in upper case.
        foreach (var (path, name, value) in listed)
        {
            await Expect(Get($"{path}?{name}={value}"), HttpStatusCode.OK);
            await Expect(Get($"{path}?{name}={value.ToUpperInvariant()}"), HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Filters_InCamelCaseAndPascalCase_SelectTheSameItems()
    {
        await CreateDocument(LianyungangDocument("连政发〔2020〕61号"));
        await CreateDocument(LianyungangDocument("连政发〔2020〕62号"));
        await CreateDocument(new { title = "大连市人民政府关于进一步做好稳外资工作的实施意见", docNumber = "大政发〔2020〕24号", issuer = "大连市人民政府", region = Dalian, issuedOn = "2020-11-15", kind = "implementationOpinions" });

        foreach (var (camel, pascal) in new[] { ($"region={Lianyungang}&limit=1", $"Region={Lianyungang}&Limit=1"), ("kind=implementationOpinions", "Kind=implementationOpinions"), ("year=2020&q=稳外资", "Year=2020&Q=稳外资") })
        {
            var expected = await Expect(Get($"/api/v1/documents?{camel}"), HttpStatusCode.OK);
            var actual = await Expect(Get($"/api/v1/documents?{pascal}"), HttpStatusCode.OK);

            Assert.Equal(expected["items"]!.ToJsonString(), actual["items"]!.ToJsonString());
        }

        var limited = await Expect(Get($"/api/v1/documents?Region={Lianyungang}&Limit=1"), HttpStatusCode.OK);
        Assert.Single(limited["items"]!.AsArray());
        Assert.NotNull((string?)limited["nextCursor"]);
        await ExpectProblem(Get("/api/v1/documents?Limit=0"), HttpStatusCode.BadRequest, Validation, "limit");
    }

    [Theory]
    [InlineData("/api/v1/documents?region=连云港市&region=连云港市", "region")]
    [InlineData("/api/v1/units?name=市商务局&NAME=市发改委", "name")]
    [InlineData("/api/v1/documents?year=2021&year=2020", "year")]
    [InlineData("/api/v1/documents?limit=1&limit=2", "limit")]
    [InlineData("/api/v1/supervision/due?unitId=0190aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee&UnitId=0190aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeef", "unitId")]
    public async Task AParameterGivenTwice_Is400NamingIt_NotItsValuesJoined(string url, string field)
    {
        await CreateDocument();

        var problem = await ExpectProblem(Get(url), HttpStatusCode.BadRequest, Validation, field);
        Assert.Contains("more than once", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/documents?regoin=连云港市", "regoin")]
    [InlineData("/api/v1/progress-reports?unit=0190aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee", "unit")]
    [InlineData("/api/v1/documents?ct=1", "ct")]          // the handler's cancellation token is not a query parameter
    [InlineData("/api/v1/documents?mediator=a", "mediator")]
    public async Task AParameterTheOperationDoesNotTake_Is400NamingItAndTheOnesItTakes(string url, string field)
    {
        var problem = await ExpectProblem(Get(url), HttpStatusCode.BadRequest, Validation, field);
        Assert.Contains("is not a parameter of this operation", problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("limit", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParameterNamesAreCheckedOnlyForACallerAllowedToCallTheOperation()
    {
        // A caller without the right learns nothing about the endpoint's parameters.
        using var repeated = await Anonymous.GetAsync("/api/v1/audit?actor=a&actor=b");
        Assert.Equal(HttpStatusCode.Unauthorized, repeated.StatusCode);
        using var unknown = await Anonymous.GetAsync("/api/v1/audit?bogus=1");
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/documents?year=", "year")]
    [InlineData("/api/v1/measures?documentId=", "documentId")]
    [InlineData("/api/v1/documents?updatedSince=", "updatedSince")]
    [InlineData("/api/v1/documents?limit=", "limit")]
    [InlineData("/api/v1/audit?from=", "from")]
    public async Task AnEmptyNumberIdOrInstant_Is400NamingIt(string url, string field)
    {
        var problem = await ExpectProblem(Get(url), HttpStatusCode.BadRequest, Validation, field);
        Assert.Contains("is empty", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    public async Task UpdatedSince_OutsideTheDatesTheApiKeeps_Is400AsEveryOtherInstant(string instant)
    {
        var document = Id(await CreateDocument());
        await ExpectProblem(Get($"/api/v1/documents?updatedSince={instant}"), HttpStatusCode.BadRequest, Validation, "updatedSince");
        await ExpectProblem(Get($"/api/v1/documents/{document}/measures?updatedSince={instant}"), HttpStatusCode.BadRequest, Validation, "updatedSince");
        await ExpectProblem(Get($"/api/v1/audit?from={instant}"), HttpStatusCode.BadRequest, Validation, "from");
    }

    [Fact]
    public async Task AuditOutcome_IsReadInAnyCase_AndABlankOneNarrowsNothing_AsOtherFilters()
    {
        var since = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddSeconds(-1).ToString("O"));
        var document = Id(await CreateDocument());
        using (var refused = await Put($"/api/v1/documents/{document}", LianyungangDocument(), ifMatch: "\"stale\""))
        {
            Assert.False(refused.IsSuccessStatusCode);
        }

        static List<string?> Outcomes(JsonNode page) => [.. page["items"]!.AsArray().Select(e => (string?)e!["outcome"])];
        var all = Outcomes(await Expect(Get($"/api/v1/audit?from={since}"), HttpStatusCode.OK));
        Assert.Contains("succeeded", all);
        Assert.Contains("refused", all);
        Assert.Equal(all, Outcomes(await Expect(Get($"/api/v1/audit?from={since}&outcome="), HttpStatusCode.OK)));
        Assert.Equal(["succeeded"], Outcomes(await Expect(Get($"/api/v1/audit?from={since}&outcome=SUCCEEDED"), HttpStatusCode.OK)).Distinct());
        await ExpectProblem(Get("/api/v1/audit?outcome=maybe"), HttpStatusCode.BadRequest, Validation, "outcome");
    }
}
