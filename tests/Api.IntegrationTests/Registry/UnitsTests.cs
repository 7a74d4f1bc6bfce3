using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PolicyApi.Api.IntegrationTests.Support;

namespace PolicyApi.Api.IntegrationTests.Registry;

public sealed class UnitsTests(ApiFixture fixture) : RegistryTest(fixture)
{
    private const string Validation = "urn:policyapi:problem:validation-failed";

    [Theory]
    [InlineData("市发展和改革委员会")]
    [InlineData("市发改委")]
    [InlineData("市发展改革委")]
    [InlineData(" 市发展改革委 ")]
    public async Task Resolve_AnySpellingOfTheUnit_FindsTheSameUnit(string spelling)
    {
        var unit = await RegisterUnit(Lianyungang, "市发展和改革委员会", shortName: "市发改委", aliases: ["市发展改革委"]);

        var found = await Expect(Get($"/api/v1/units?region={Lianyungang}&name={Uri.EscapeDataString(spelling)}"), HttpStatusCode.OK);

        var only = Assert.Single(found["items"]!.AsArray());
        Assert.Equal(Id(unit), Id(only!));
        Assert.Equal("市发展和改革委员会", (string?)only!["name"]);
    }

    [Fact]
    public async Task Resolve_FullWidthAndHalfWidthBracketsAndTraditionalAliases_FindTheSameUnit()
    {
        var counties = await RegisterUnit("防城港市", "各县（市、区）人民政府", kind: "districtGovernment");
        var office = await RegisterUnit("连云港经济技术开发区", "区自贸办", aliases: ["区自貿办"]);

        Assert.Equal(Id(counties), Id((await Resolve("防城港市", "各县(市、区)人民政府"))!));
        Assert.Equal(Id(office), Id((await Resolve("连云港经济技术开发区", "区自貿办"))!));
        Assert.Null(await Resolve("连云港市", "区自贸办"));
    }

    [Fact]
    public async Task Register_TheSameNameInAnotherRegion_IsAnotherUnit()
    {
        var lianyungang = await RegisterUnit(Lianyungang, "市商务局");
        var dalian = await RegisterUnit(Dalian, "市商务局");

        Assert.NotEqual(Id(lianyungang), Id(dalian));
        Assert.Equal(Id(dalian), Id((await Resolve(Dalian, "市商务局"))!));
        var both = await Expect(Get("/api/v1/units?name=市商务局"), HttpStatusCode.OK);
        Assert.Equal(2, both["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Register_WithANameAnotherUnitOfTheRegionAlreadyHas_Returns409NamingTheHolderAndStoresNothing()
    {
        var reform = await RegisterUnit(Lianyungang, "市发展和改革委员会", shortName: "市发改委");

        var problem = await ExpectProblem(
            Post("/api/v1/units", new { region = Lianyungang, name = "市发展改革委", aliases = new[] { "市发改委" }, kind = "department" }),
            HttpStatusCode.Conflict,
            "urn:policyapi:problem:unit-name-taken",
            "aliases");

        Assert.Contains(Id(reform), problem["errors"]!["aliases"]![0]!.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, await InDatabase(db => db.Units.CountAsync()));
    }

    [Theory]
    [InlineData("市商务局", "市商務局")] // traditional characters, as PDF extraction and typists produce
    [InlineData("市发展和改革委员会", "市发改委")] // the short form documents write
    public async Task Register_AnotherWayOfWritingAUnitsName_Returns409NamingTheHolder_AsTheImporterReadsThemAsOne(string registered, string twin)
    {
        var holder = await RegisterUnit(Lianyungang, registered);

        var problem = await ExpectProblem(
            Post("/api/v1/units", new { region = Lianyungang, name = twin, kind = "department" }),
            HttpStatusCode.Conflict,
            "urn:policyapi:problem:unit-name-taken",
            "name");

        Assert.Contains(Id(holder), problem["errors"]!["name"]![0]!.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, await InDatabase(db => db.Units.CountAsync()));
        await Expect(Post("/api/v1/units", new { region = Dalian, name = twin, kind = "department" }), HttpStatusCode.Created); // another region's
    }

    [Fact]
    public async Task Register_AnAliasEqualToItsOwnName_IsRecordedOnce()
    {
        var unit = await RegisterUnit(Lianyungang, "市商务局", aliases: ["市商务局", "商务局"]);

        Assert.Equal(["商务局"], unit["aliases"]!.AsArray().Select(a => (string)a!));
    }

    [Theory]
    [InlineData("{\"name\":\"市商务局\",\"kind\":\"department\"}", "region")]
    [InlineData("{\"region\":\"连云港市\",\"kind\":\"department\"}", "name")]
    [InlineData("{\"region\":\"连云港市\",\"name\":\"市商务局\"}", "kind")]
    [InlineData("{\"region\":\"连云港市\",\"name\":\"市商务局\",\"kind\":\"ministry\"}", "kind")]
    [InlineData("{\"region\":\"连云港市\",\"name\":\"市商务局\",\"kind\":\"department\",\"aliases\":[\"\"]}", "aliases[0]")]
    [InlineData("{\"region\":\"连云港市\",\"name\":\"市商务局\",\"kind\":\"department\",\"aliases\":\"商务局\"}", "aliases")]
    [InlineData("{\"region\":\"连云港市\",\"name\":\"市商务局\",\"kind\":\"department\",\"parentId\":\"00000000-0000-0000-0000-000000000001\"}", "parentId")]
    public async Task Register_WithInvalidFields_Returns400NamingTheField(string json, string field)
    {
        await ExpectProblem(Post("/api/v1/units", RawJson(json)), HttpStatusCode.BadRequest, Validation, field);

        Assert.Equal(0, await InDatabase(db => db.Units.CountAsync()));
    }

    [Fact]
    public async Task Register_UnderAParentOfAnotherRegion_Returns400()
    {
        var dalianGovernment = await RegisterUnit(Dalian, "大连市人民政府", kind: "other");

        await ExpectProblem(
            Post("/api/v1/units", new { region = Lianyungang, name = "市商务局", kind = "department", parentId = Id(dalianGovernment) }),
            HttpStatusCode.BadRequest,
            Validation,
            "parentId");
    }

    [Fact]
    public async Task Update_WithAnIfMatchListHoldingTheCurrentTag_IsTaken_AndWithoutIt_Is412()
    {
        var unit = await RegisterUnit(Lianyungang, "市商务局");
        var (_, etag) = await Read($"/api/v1/units/{Id(unit)}");

        await ExpectProblem(Put($"/api/v1/units/{Id(unit)}", new { name = "市商务局", kind = "department" }, "\"zzz\", W/" + etag), HttpStatusCode.PreconditionFailed, "urn:policyapi:problem:precondition-failed");
        using var response = await Put($"/api/v1/units/{Id(unit)}", new { name = "市商务局", kind = "department" }, "\"zzz\", " + etag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Update_ReplacesAliases_SoTheOldOneNoLongerResolvesAndTheETagChanges()
    {
        var unit = await RegisterUnit(Lianyungang, "市发展和改革委员会", aliases: ["市发改委"]);
        var (_, etag) = await Read($"/api/v1/units/{Id(unit)}");

        using var response = await Put($"/api/v1/units/{Id(unit)}", new { name = "市发展和改革委员会", aliases = new[] { "市发展改革委" }, kind = "department" }, etag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(etag, ETag(response));
        Assert.Null(await Resolve(Lianyungang, "市发改委"));
        Assert.Equal(Id(unit), Id((await Resolve(Lianyungang, "市发展改革委"))!));
    }

    [Fact]
    public async Task Delete_OfAUnitHoldingAShareOfATarget_Is409UnitInUse_AndKeepsIt()
    {
        var county = await RegisterUnit(Lianyungang, "连云区", kind: "districtGovernment");
        var document = Id(await CreateDocument());
        var target = Id(await Expect(Post($"/api/v1/documents/{document}/targets", new { indicator = "实际利用外资", unitOfMeasure = "万美元", comparator = ">=", value = 7000, period = "2021", accumulation = "cumulative" }), HttpStatusCode.Created));
        var (_, allocationsTag) = await Read($"/api/v1/targets/{target}/allocations");
        await Expect(Put($"/api/v1/targets/{target}/allocations", new { allocations = new[] { new { unitId = Id(county), value = 1000 } } }, allocationsTag), HttpStatusCode.OK);
        var (_, etag) = await Read($"/api/v1/units/{Id(county)}");

        var problem = await ExpectProblem(Delete($"/api/v1/units/{Id(county)}", etag), HttpStatusCode.Conflict, "urn:policyapi:problem:unit-in-use");

        Assert.Contains("1 target", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(1, await InDatabase(db => db.Units.CountAsync()));
    }

    [Fact]
    public async Task Update_WithARegion_Returns400BecauseTheRegionCannotChange()
    {
        var unit = await RegisterUnit(Lianyungang, "市商务局");
        var (_, etag) = await Read($"/api/v1/units/{Id(unit)}");

        await ExpectProblem(Put($"/api/v1/units/{Id(unit)}", new { region = Dalian, name = "市商务局", kind = "department" }, etag), HttpStatusCode.BadRequest, Validation, "region");
    }

    [Fact]
    public async Task Update_UnderItsOwnSubUnit_Returns400()
    {
        var government = await RegisterUnit(Lianyungang, "连云区人民政府", kind: "districtGovernment");
        var office = await RegisterUnit(Lianyungang, "连云区商务局", parentId: Id(government));
        var (_, etag) = await Read($"/api/v1/units/{Id(government)}");

        await ExpectProblem(
            Put($"/api/v1/units/{Id(government)}", new { name = "连云区人民政府", kind = "districtGovernment", parentId = Id(office) }, etag),
            HttpStatusCode.BadRequest,
            Validation,
            "parentId");

        var children = await Expect(Get($"/api/v1/units?parentId={Id(government)}"), HttpStatusCode.OK);
        Assert.Equal(Id(office), Id(children["items"]![0]!));
    }

    [Fact]
    public async Task Delete_AUnitStillAssigned_Returns409_AndAFreeUnitReturns204()
    {
        var assigned = await RegisterUnit(Lianyungang, "市商务局");
        var free = await RegisterUnit(Lianyungang, "市外办");
        var document = await CreateDocument();
        var measure = await CreateMeasure(Id(document), new { label = "（一）", title = "建立领导推动机制" });
        await Assign(Id(measure), Id(assigned), "responsible");

        var (_, assignedTag) = await Read($"/api/v1/units/{Id(assigned)}");
        await ExpectProblem(Delete($"/api/v1/units/{Id(assigned)}", assignedTag), HttpStatusCode.Conflict, "urn:policyapi:problem:unit-in-use");

        var (_, freeTag) = await Read($"/api/v1/units/{Id(free)}");
        await Expect(Delete($"/api/v1/units/{Id(free)}", freeTag), HttpStatusCode.NoContent);
        Assert.Null(await Resolve(Lianyungang, "市外办"));
    }

    [Fact]
    public async Task List_ByPartOfAName_FindsUnitsWhateverNameMatches()
    {
        await RegisterUnit(Lianyungang, "市商务局");
        await RegisterUnit(Lianyungang, "市发展和改革委员会", aliases: ["市发改委"]);
        await RegisterUnit(Lianyungang, "连云港银保监分局", kind: "verticalAgency");

        var found = await Expect(Get($"/api/v1/units?region={Lianyungang}&q=发改"), HttpStatusCode.OK);
        Assert.Equal(["市发展和改革委员会"], found["items"]!.AsArray().Select(u => (string)u!["name"]!));
        var agencies = await Expect(Get("/api/v1/units?kind=verticalAgency"), HttpStatusCode.OK);
        Assert.Equal(["连云港银保监分局"], agencies["items"]!.AsArray().Select(u => (string)u!["name"]!));
    }

    private async Task<JsonNode?> Resolve(string region, string name)
    {
        var found = await Expect(Get($"/api/v1/units?region={Uri.EscapeDataString(region)}&name={Uri.EscapeDataString(name)}"), HttpStatusCode.OK);
        return found["items"]!.AsArray().SingleOrDefault();
    }
}
