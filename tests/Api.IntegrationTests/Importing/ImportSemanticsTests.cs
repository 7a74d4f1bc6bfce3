using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PolicyApi.Api.IntegrationTests.Support;

namespace PolicyApi.Api.IntegrationTests.Importing;

/// <summary>
/// What a commit records is what the text means: each-unit scopes bind units, growth targets are linked to their absolute
/// target, one unit however it is written, collective phrases as blanket assignments, a new region registered on first use,
/// unit lists that cannot be read held back until a person resolves them, and indicators in the text's own words.
/// </summary>
public sealed class ImportSemanticsTests(ApiFixture fixture) : RegistryTest(fixture)
{
    private const string Fangchenggang = "防城港市";
    private const string Etdz = "连云港经济技术开发区";

    private static string SeedsDirectory => Path.Combine(AppContext.BaseDirectory, "Seeds");

    private static Task<string> SeedText(string seed) => File.ReadAllTextAsync(Path.Combine(SeedsDirectory, seed + ".txt"), Encoding.UTF8);

    private async Task<JsonNode> Draft(string text, string region) =>
        await Expect(Post("/api/v1/imports", new { text, region }), HttpStatusCode.Created);

    private Task<HttpResponseMessage> Commit(string importId, object body) => Post($"/api/v1/imports/{importId}/commit", body);

    private async Task<List<JsonNode>> Targets(string documentId) =>
        [.. (await Expect(Get($"/api/v1/targets?documentId={documentId}&limit=100"), HttpStatusCode.OK))["items"]!.AsArray().Select(t => t!)];

    private async Task<List<JsonNode>> UnitsOf(string region) =>
        [.. (await Expect(Get($"/api/v1/units?region={Uri.EscapeDataString(region)}&limit=100"), HttpStatusCode.OK))["items"]!.AsArray().Select(u => u!)];

    [Fact]
    public async Task Commit_WhenATargetBindsEachCounty_BindsTheCountiesRegisteredAndThoseCreatedInTheSameCommit()
    {
        var gangkou = await RegisterUnit(Fangchenggang, "港口区", kind: "districtGovernment");
        var draft = await Draft(await SeedText("fangchenggang-2021-workplan"), Fangchenggang);
        Assert.DoesNotContain(draft["draft"]!["warnings"]!.AsArray(), w => ((string)w!).Contains("binds each of 各县市区", StringComparison.Ordinal));

        var committed = await Expect(Commit(Id(draft), new { createMissingUnits = true, createUnits = new[] { new { name = "东兴市", kind = (string?)null } } }), HttpStatusCode.Created);
        Assert.Contains(committed["createdUnits"]!.AsArray(), u => (string?)u!["name"] == "东兴市" && (string?)u["kind"] == "districtGovernment");
        var dongxing = (await UnitsOf(Fangchenggang)).Single(u => (string?)u["name"] == "东兴市");

        var counties = (await Targets((string)committed["documentId"]!)).Single(t => (string?)t["scopeText"] == "各县市区");
        Assert.Equal("eachUnit", (string?)counties["scope"]);
        Assert.Equal(new[] { Id(gangkou), Id(dongxing) }.Order(), counties["scopeUnitIds"]!.AsArray().Select(u => (string)u!).Order());
    }

    [Fact]
    public async Task Commit_WhenAGrowthTargetFollowsTheAbsoluteTargetOfItsIndicator_LinksItByBasedOnWithTheBaselineLeftToFill()
    {
        var draft = await Draft(await SeedText("fangchenggang-2021-workplan"), Fangchenggang);
        var growthIndex = draft["draft"]!["targets"]!.AsArray().Select((t, i) => (t, i)).Single(x => (bool)x.t!["growth"]!).i;
        var basedOn = (int)draft["draft"]!["targets"]![growthIndex]!["basedOn"]!;
        Assert.Equal(7000m, (decimal)draft["draft"]!["targets"]![basedOn]!["value"]!);
        Assert.Contains(draft["draft"]!["warnings"]!.AsArray(), w => ((string)w!).Contains("同比增长20%以上", StringComparison.Ordinal) && ((string)w!).Contains("baseline", StringComparison.Ordinal));

        Assert.Contains(draft["draft"]!["warnings"]!.AsArray(), w => ((string)w!).StartsWith("Target '各县市区年内开展不少于4次外资专题招商活动' binds each of 各县市区, but 防城港市 has no registered unit", StringComparison.Ordinal));

        var committed = await Expect(Commit(Id(draft), new { createMissingUnits = true }), HttpStatusCode.Created);
        var targets = await Targets((string)committed["documentId"]!);
        var fdi = targets.Single(t => (string?)t["unitOfMeasure"] == "万美元");
        var growth = targets.Single(t => (string?)t["text"] == "同比增长20%以上");
        Assert.Equal(Id(fdi), (string?)growth["basedOnTargetId"]);
        Assert.Null(growth["baseline"]);
        Assert.Contains(committed["notes"]!.AsArray(), n => ((string)n!).Contains("同比增长20%以上", StringComparison.Ordinal) && ((string)n!).Contains("baseline", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Commit_WhenTheFangchenggangPlanIsCommitted_KeepsTheYearInTheIndicatorOfTheNewProjectsTarget()
    {
        var draft = await Draft(await SeedText("fangchenggang-2021-workplan"), Fangchenggang);
        var committed = await Expect(Commit(Id(draft), new { createMissingUnits = true }), HttpStatusCode.Created);
        var targets = await Targets((string)committed["documentId"]!);
        Assert.Contains(targets, t => (string?)t["indicator"] == "“行企助力转型升级”行动签约外商新投资项目（2021年新登记）");
        Assert.DoesNotContain(targets, t => ((string)t["indicator"]!).Contains('·', StringComparison.Ordinal));
    }

    [Fact]
    public async Task Commit_WhenTheEtdzPlanWritesTheFreeTradeOfficeInTraditionalCharactersToo_RegistersOneUnitForBoth()
    {
        var draft = await Draft(await SeedText("lianyungang-etdz-2021-plan"), Etdz);
        Assert.Contains(draft["draft"]!["warnings"]!.AsArray(), w => ((string)w!).Contains("区自貿办", StringComparison.Ordinal) && ((string)w!).Contains("one unit", StringComparison.Ordinal));

        var committed = await Expect(Commit(Id(draft), new { createMissingUnits = true }), HttpStatusCode.Created);
        var offices = (await UnitsOf(Etdz)).Where(u => (string)u["name"]! is "区自贸办" or "区自貿办").Select(u => (string)u["name"]!).ToList();
        Assert.Equal(["区自贸办"], offices);
        Assert.Contains(committed["notes"]!.AsArray(), n => ((string)n!).StartsWith("区自貿办 is read as 区自贸办", StringComparison.Ordinal));

        // Task 2 names the office as 区自貿办: it is assigned to the one unit.
        var documentId = (string)committed["documentId"]!;
        var office = (await UnitsOf(Etdz)).Single(u => (string?)u["name"] == "区自贸办");
        var measures = await Expect(Get($"/api/v1/measures?unitId={Id(office)}&documentId={documentId}&limit=100"), HttpStatusCode.OK);
        Assert.Contains(measures["items"]!.AsArray(), m => (string?)m!["label"] == "2" && (string?)m["kind"] == "task");

        // A registry that knows the office resolves the traditional spelling to it, as a variant.
        var again = await Draft(await SeedText("lianyungang-etdz-2021-plan"), Etdz);
        var traditional = again["units"]!.AsArray().Single(u => (string?)u!["name"] == "区自貿办")!;
        Assert.Equal(("variant", Id(office)), ((string?)traditional["match"], (string?)traditional["unitId"]));
    }

    [Fact]
    public async Task Commit_WhenTaskRowsNameCollectivePhrases_RecordsBlanketAssignmentsAndRegistersNoSuchUnit()
    {
        var draft = await Draft(await SeedText("lianyungang-etdz-2021-plan"), Etdz);
        Assert.Contains(draft["units"]!.AsArray(), u => (string?)u!["name"] == "区各部门" && (string?)u["match"] == "collective");

        var committed = await Expect(Commit(Id(draft), new { createMissingUnits = true }), HttpStatusCode.Created);
        var names = (await UnitsOf(Etdz)).Select(u => (string)u["name"]!).ToList();
        Assert.DoesNotContain(names, n => n.Contains('各', StringComparison.Ordinal));

        var measures = await Expect(Get($"/api/v1/documents/{(string)committed["documentId"]!}/measures?limit=100"), HttpStatusCode.OK);
        var task3 = measures["items"]!.AsArray().Single(m => (string?)m!["kind"] == "task" && (string?)m["label"] == "3")!;
        Assert.Equal("区各部门", (string?)task3["blanketAssignment"]!["text"]);
        Assert.Equal(["department"], task3["blanketAssignment"]!["unitKinds"]!.AsArray().Select(k => (string)k!));
        Assert.True((int)committed["blanketAssignments"]! > 0);
    }

    [Fact]
    public async Task Import_WhenTheRegionHasNoUnitsYet_IsReadWithAWarning_AndTheCommitRegistersTheRegion()
    {
        const string text = """
            2021年新设市稳外资工作要点
            一、重点任务
            （一）建立外资项目库。动态更新外资项目。（牵头单位：市商务局；配合单位：高新区管委会、海州区政府）
            （二）开展专题招商。年内开展专题招商活动。〔市投资促进局牵头，市发改委配合〕
            """;
        var draft = await Draft(text, "新设市");
        Assert.Contains(draft["draft"]!["warnings"]!.AsArray(), w => ((string)w!).StartsWith("Region 新设市 has no registered units yet", StringComparison.Ordinal));

        var committed = await Expect(Commit(Id(draft), new { createMissingUnits = true }), HttpStatusCode.Created);
        Assert.StartsWith("Registered the region 新设市", (string?)committed["notes"]![0], StringComparison.Ordinal);
        var kinds = (await UnitsOf("新设市")).ToDictionary(u => (string)u["name"]!, u => (string)u["kind"]!);
        Assert.Equal("department", kinds["市商务局"]);
        Assert.Equal("functionalZone", kinds["高新区管委会"]);
        Assert.Equal("districtGovernment", kinds["海州区政府"]);
        Assert.Equal(5, kinds.Count);

        // Now known: a second draft carries no new-region warning.
        var second = await Draft(text, "新设市");
        Assert.DoesNotContain(second["draft"]!["warnings"]!.AsArray(), w => ((string)w!).Contains("no registered units", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Import_WhenTheRegionIsOneCharacterFromAKnownOne_WarnsOfTheLikelyTypoInsteadOfRefusing()
    {
        await RegisterUnit(Lianyungang, "市商务局");
        var draft = await Draft("2021年稳外资工作要点\n一、重点任务\n（一）建立外资项目库。动态更新。（责任单位：市商务局）", "连云巷市");
        Assert.Contains(draft["draft"]!["warnings"]!.AsArray(), w => ((string)w!).StartsWith("Region 连云巷市 is not known, but 连云港市 is", StringComparison.Ordinal));
        Assert.Equal("连云巷市", (string?)draft["region"]);
    }

    [Fact]
    public async Task Commit_WhenAUnitListCannotBeRead_Is422NamingTheLine_UntilAPersonCorrectsTheDraft()
    {
        const string text = """
            2021年XX市稳外资工作要点
            一、重点任务
            （一）建立外资项目库。动态更新外资项目。（责任单位：市商务局、市发改委
            （二）开展专题招商。年内开展专题招商活动。〔市投资促进局牵头，市商务局配合〕
            """;
        var created = await Draft(text, Lianyungang);
        var importId = Id(created);
        Assert.Equal("（责任单位：市商务局、市发改委", (string?)created["draft"]!["measures"]![0]!["unparsedUnits"]);
        Assert.Equal(1, (int)created["unparsedUnitLists"]!);
        Assert.Contains(created["draft"]!["warnings"]!.AsArray(), w => ((string)w!).StartsWith("Line 3:", StringComparison.Ordinal));

        var refused = await ExpectProblem(Commit(importId, new { createMissingUnits = true }), HttpStatusCode.UnprocessableEntity,
            "urn:policyapi:problem:unparsed-units", "draft.measures[0].unparsedUnits");
        Assert.Contains("Line 3", (string?)refused["detail"], StringComparison.Ordinal);
        Assert.Equal(0, await InDatabase(db => db.Documents.CountAsync()));
        Assert.Equal(0, await InDatabase(db => db.Units.CountAsync(u => u.Region == Lianyungang)));

        // The person reads the list, puts its units on the measure and clears unparsedUnits, on the stored draft.
        var (current, etag) = await Read($"/api/v1/imports/{importId}");
        var corrected = current["draft"]!.DeepClone();
        corrected["measures"]![0]!["unparsedUnits"] = null;
        corrected["measures"]![0]!["responsibleUnits"] = new JsonArray(
            new JsonObject { ["name"] = "市商务局", ["role"] = "responsible" }, new JsonObject { ["name"] = "市发改委", ["role"] = "responsible" });
        await ExpectProblem(Put($"/api/v1/imports/{importId}/draft", new { draft = corrected }, null), HttpStatusCode.PreconditionRequired, "urn:policyapi:problem:precondition-required");
        var revised = await Expect(Put($"/api/v1/imports/{importId}/draft", new { draft = corrected }, etag), HttpStatusCode.OK);
        Assert.Equal(0, (int)revised["unparsedUnitLists"]!);
        await ExpectProblem(Put($"/api/v1/imports/{importId}/draft", new { draft = corrected }, etag), HttpStatusCode.PreconditionFailed, "urn:policyapi:problem:precondition-failed");

        var committed = await Expect(Commit(importId, new { createMissingUnits = true }), HttpStatusCode.Created);
        Assert.Equal(4, (int)committed["assignments"]!);
        var measures = await Expect(Get($"/api/v1/documents/{(string)committed["documentId"]!}/measures"), HttpStatusCode.OK);
        Assert.Equal(["市商务局/responsible", "市发改委/responsible"],
            measures["items"]![0]!["responsibleUnits"]!.AsArray().Select(u => $"{(string)u!["name"]!}/{(string)u["role"]!}"));

        // A committed draft is the record now: correcting it is a conflict.
        var (_, committedTag) = await Read($"/api/v1/imports/{importId}");
        await ExpectProblem(Put($"/api/v1/imports/{importId}/draft", new { draft = corrected }, committedTag), HttpStatusCode.Conflict, "urn:policyapi:problem:import-already-committed");
    }
}
