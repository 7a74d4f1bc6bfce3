using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PolicyApi.Api.Features.Importing;
using PolicyApi.Api.IntegrationTests.Support;

namespace PolicyApi.Api.IntegrationTests.Importing;

/// <summary>Importing documents from their text over HTTP: drafts, unit resolution, commits, and what is refused.</summary>
public sealed class ImportsTests(ApiFixture fixture) : RegistryTest(fixture)
{
    private static string SeedsDirectory => Path.Combine(AppContext.BaseDirectory, "Seeds");

    private const string SmallPlan = """
        2021年XX市稳外资工作要点
        一、重点任务
        （一）建立外资项目库。建立全市外资项目库，动态更新。（责任单位：市商务局、市发改委）
        （二）开展专题招商。各县区年内开展不少于4次外资专题招商活动。〔市投资促进局牵头，市商务局配合〕
        """;

    private static Task<string> SeedText(string seed) => File.ReadAllTextAsync(Path.Combine(SeedsDirectory, seed + ".txt"), Encoding.UTF8);

    private async Task<JsonNode> Draft(string text, string region) =>
        await Expect(Post("/api/v1/imports", new { text, region }), HttpStatusCode.Created);

    private Task<HttpResponseMessage> Commit(string importId, object? body = null, string? key = null) =>
        Post($"/api/v1/imports/{importId}/commit", body ?? new { }, key);

    private Task<int> Documents() => InDatabase(db => db.Documents.CountAsync());

    private Task<int> Units() => InDatabase(db => db.Units.CountAsync());

    [Theory]
    [InlineData("lianyungang-2020-measures", "连云港市", "市商务局")]
    [InlineData("dalian-2020-opinions", "大连市", "市商务局")]
    [InlineData("fangchenggang-2021-workplan", "防城港市", "市商务局")]
    [InlineData("lianyungang-etdz-2021-plan", "连云港经济技术开发区", "区自贸办")]
    public async Task Seed_ImportedAndCommitted_ListsTheUnitsMeasuresWithRoles(string seed, string region, string unitName)
    {
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(SeedsDirectory, "expected", seed + ".expected.json")))!;
        var draft = await Draft(await SeedText(seed), region);
        Assert.Equal("draft", (string?)draft["status"]);
        Assert.Equal(expected["measures"]!.AsArray().Count, draft["draft"]!["measures"]!.AsArray().Count);
        Assert.Equal(expected["tasks"]!.AsArray().Count, draft["draft"]!["tasks"]!.AsArray().Count);
        Assert.True((int)draft["unresolvedUnits"]! > 0, "A fresh registry knows none of the names.");

        var committed = await Expect(Commit((string)draft["id"]!, new { createMissingUnits = true }), HttpStatusCode.Created);
        var documentId = (string)committed["documentId"]!;
        if (seed == "fangchenggang-2021-workplan")
        {
            // （七）'s 各县（市、区）人民政府 cooperates: a class of units, said in the notes rather than silently dropped.
            Assert.Contains(committed["notes"]!.AsArray(), n => ((string)n!).StartsWith("（七）", StringComparison.Ordinal) && ((string)n!).Contains("cooperating", StringComparison.Ordinal));
        }

        var document = await Expect(Get($"/api/v1/documents/{documentId}"), HttpStatusCode.OK);
        Assert.Equal((string)expected["title"]!, (string?)document["title"]);
        Assert.Equal((string?)expected["docNumber"], (string?)document["docNumber"]);

        var unit = await Expect(Get($"/api/v1/units?region={Uri.EscapeDataString(region)}&name={Uri.EscapeDataString(unitName)}"), HttpStatusCode.OK);
        var unitId = (string)unit["items"]!.AsArray().Single()!["id"]!;
        var listed = await Expect(Get($"/api/v1/measures?unitId={unitId}&documentId={documentId}&limit=100"), HttpStatusCode.OK);
        var found = listed["items"]!.AsArray()
            .Where(m => (bool?)m!["forUnit"]!["viaBlanketAssignment"] != true)
            .Select(m => $"{(string)m!["label"]!} {(string)m["title"]!} {(string)m["forUnit"]!["role"]!}")
            .Order(StringComparer.Ordinal).ToList();

        // What the careful reading says: the unit as written, written without its 市 prefix (商务局 in 防城港市), or written
        // with traditional characters (区自貿办, one unit with 区自贸办 since issue #14).
        var names = new[] { unitName, unitName.TrimStart('市') }
            .Concat(expected["measures"]!.AsArray().SelectMany(m => m!["responsibleUnits"]!.AsArray()).Concat(expected["tasks"]!.AsArray().SelectMany(t => t!["responsibleUnits"]!.AsArray()))
                .Select(u => (string)u!["name"]!).Where(n => PolicyApi.Domain.Units.UnitNameVariants.Key(n) == PolicyApi.Domain.Units.UnitNameVariants.Key(unitName)))
            .Distinct().ToArray();
        var expectedMeasures = expected["measures"]!.AsArray()
            .SelectMany(m => m!["responsibleUnits"]!.AsArray().Where(u => names.Contains((string)u!["name"]!))
                .Select(u => (Label: (string)m["label"]!, Title: (string)m["title"]!, Role: (string)u!["role"]!)))
            .Concat(expected["tasks"]!.AsArray()
                .SelectMany(t => t!["responsibleUnits"]!.AsArray().Where(u => names.Contains((string)u!["name"]!))
                    .Select(u => (Label: ((int)t["number"]!).ToString(System.Globalization.CultureInfo.InvariantCulture), Title: TaskTitle((string)t["text"]!), Role: (string)u!["role"]!))))
            .GroupBy(x => (x.Label, x.Title))
            .Select(g => $"{g.Key.Label} {g.Key.Title} {g.Select(x => x.Role).OrderBy(r => r == "lead" ? 0 : r == "responsible" ? 1 : 2).First()}")
            .Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expectedMeasures);
        Assert.Equal(expectedMeasures, found);
    }

    private static string TaskTitle(string text)
    {
        var end = text.IndexOfAny(['。', '；']);
        return end > 0 ? text[..end] : text;
    }

    [Fact]
    public async Task Draft_ResolvesNamesAndAliases_AndSuggestsUnitsForUnknownNames()
    {
        var commerce = await RegisterUnit("XX市", "市商务局");
        await RegisterUnit("XX市", "市发展和改革委员会", aliases: ["市发改委"]);
        await RegisterUnit("XX市", "市投资促进中心");

        var draft = await Draft(SmallPlan, "XX市");
        var units = draft["units"]!.AsArray().ToDictionary(u => (string)u!["name"]!, u => u!);
        Assert.Equal("name", (string?)units["市商务局"]["match"]);
        Assert.Equal(Id(commerce), (string?)units["市商务局"]["unitId"]);
        Assert.Equal("alias", (string?)units["市发改委"]["match"]);
        Assert.Equal("市发展和改革委员会", (string?)units["市发改委"]["unitName"]);
        Assert.Equal("none", (string?)units["市投资促进局"]["match"]);
        Assert.Equal("市投资促进中心", (string?)units["市投资促进局"]["suggestions"]![0]!["name"]);
        Assert.Equal(1, (int)draft["unresolvedUnits"]!);

        var target = draft["draft"]!["targets"]!.AsArray().Single()!;
        Assert.Equal(4m, (decimal)target["value"]!);
        Assert.Equal("次", (string?)target["unit"]);
        Assert.Equal("each", (string?)target["scope"]);
        var span = target["span"]!;
        Assert.Equal("各县区年内开展不少于4次外资专题招商活动", SmallPlan.Substring((int)span["start"]!, (int)span["length"]!));
    }

    [Fact]
    public async Task Commit_WithUnresolvedNames_Is422WithSuggestions_AndStoresNothing()
    {
        await RegisterUnit("XX市", "市商务局");
        await RegisterUnit("XX市", "市发展和改革委员会", aliases: ["市发改委"]);
        await RegisterUnit("XX市", "市投资促进中心");
        var draft = await Draft(SmallPlan, "XX市");
        var units = await Units();

        var problem = await ExpectProblem(Commit((string)draft["id"]!), HttpStatusCode.UnprocessableEntity, "urn:policyapi:problem:unresolved-units", "units.市投资促进局");
        Assert.Contains("市投资促进中心", problem["errors"]!["units.市投资促进局"]![0]!.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await Documents());
        Assert.Equal(units, await Units());
    }

    [Fact]
    public async Task Commit_WithAMappingAndACorrectedDraft_CreatesTheDocumentWithAssignmentsAndTargets()
    {
        await RegisterUnit("XX市", "市商务局");
        await RegisterUnit("XX市", "市发展和改革委员会", aliases: ["市发改委"]);
        var promotion = await RegisterUnit("XX市", "市投资促进中心");
        await RegisterUnit("XX市", "海州区", kind: "districtGovernment");
        await RegisterUnit("XX市", "赣榆区", kind: "districtGovernment");
        var created = await Draft(SmallPlan, "XX市");
        var draft = created["draft"]!.DeepClone();
        draft["title"] = "XX市稳外资工作要点（修订）";
        draft["measures"]![0]!["title"] = "建立全市外资项目库";

        var committed = await Expect(Commit((string)created["id"]!, new
        {
            draft,
            unitMappings = new[] { new { name = "市投资促进局", unitId = Id(promotion) } },
        }, key: "commit-small-plan"), HttpStatusCode.Created);
        Assert.Equal(4, (int)committed["assignments"]!);
        Assert.Equal(1, (int)committed["targets"]!);
        Assert.Empty(committed["createdUnits"]!.AsArray());

        var documentId = (string)committed["documentId"]!;
        var document = await Expect(Get($"/api/v1/documents/{documentId}"), HttpStatusCode.OK);
        Assert.Equal("XX市稳外资工作要点（修订）", (string?)document["title"]);
        var measures = await Expect(Get($"/api/v1/documents/{documentId}/measures"), HttpStatusCode.OK);
        var first = measures["items"]![0]!;
        Assert.Equal("建立全市外资项目库", (string?)first["title"]);
        Assert.Equal(["市商务局/responsible", "市发展和改革委员会/responsible"],
            first["responsibleUnits"]!.AsArray().Select(u => $"{(string)u!["name"]!}/{(string)u["role"]!}"));
        var second = measures["items"]![1]!;
        Assert.Equal(["市投资促进中心/lead", "市商务局/cooperating"],
            second["responsibleUnits"]!.AsArray().Select(u => $"{(string)u!["name"]!}/{(string)u["role"]!}"));

        var targets = await Expect(Get($"/api/v1/targets?documentId={documentId}"), HttpStatusCode.OK);
        var target = targets["items"]!.AsArray().Single()!;
        Assert.Equal("eachUnit", (string?)target["scope"]);
        Assert.Equal(2, target["scopeUnitIds"]!.AsArray().Count);
        Assert.Equal("2021-01-01", (string?)target["periodStart"]);

        // The same Idempotency-Key replays the commit; a new commit of the same draft is a conflict.
        using var replay = await Commit((string)created["id"]!, new
        {
            draft,
            unitMappings = new[] { new { name = "市投资促进局", unitId = Id(promotion) } },
        }, key: "commit-small-plan");
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        await ExpectProblem(Commit((string)created["id"]!, new { createMissingUnits = true }), HttpStatusCode.Conflict, "urn:policyapi:problem:import-already-committed");
        Assert.Equal(1, await Documents());
    }

    [Fact]
    public async Task Commit_CanRegisterNamedUnitsWithTheirKind()
    {
        await RegisterUnit("XX市", "市商务局");
        await RegisterUnit("XX市", "市发展和改革委员会", aliases: ["市发改委"]);
        var created = await Draft(SmallPlan, "XX市");
        var committed = await Expect(Commit((string)created["id"]!, new
        {
            createUnits = new[] { new { name = "市投资促进局", kind = "department" } },
        }), HttpStatusCode.Created);
        Assert.Equal(["市投资促进局/department"], committed["createdUnits"]!.AsArray().Select(u => $"{(string)u!["name"]!}/{(string)u["kind"]!}"));
        var units = await Expect(Get($"/api/v1/units?region={Uri.EscapeDataString("XX市")}&name={Uri.EscapeDataString("市投资促进局")}"), HttpStatusCode.OK);
        Assert.Single(units["items"]!.AsArray());
    }

    [Fact]
    public async Task Commit_RefusedForAnUnresolvedName_SuggestsNoUnitItWouldHaveRegistered()
    {
        var draft = await Draft("测试工作方案\n\n一、主要任务\n（一）加强组织领导。〔新单位甲、新单位乙牵头〕\n", "XX市");

        var problem = await ExpectProblem(Commit((string)draft["id"]!, new { createUnits = new[] { new { name = "新单位甲", kind = "department" } } }),
            HttpStatusCode.UnprocessableEntity, "urn:policyapi:problem:unresolved-units");

        // 新单位甲 was registered inside the refused commit: it has no id a caller could map to.
        var suggestions = problem["errors"]!["units.新单位乙"]!.AsArray().Select(s => (string)s!).ToList();
        Assert.Contains(suggestions, s => s.Contains("新单位甲", StringComparison.Ordinal));
        Assert.DoesNotContain(suggestions, s => System.Text.RegularExpressions.Regex.IsMatch(s, "[0-9a-f]{8}-[0-9a-f]{4}-"));
        Assert.Equal(0, await Units());
    }

    [Fact]
    public async Task Commit_OfADocumentNumberAlreadyRegistered_Is409NamingIt()
    {
        var text = await SeedText("lianyungang-2020-measures");
        var first = await Draft(text, Lianyungang);
        var committed = await Expect(Commit((string)first["id"]!, new { createMissingUnits = true }), HttpStatusCode.Created);
        var second = await Draft(text, Lianyungang);
        Assert.Contains(second["draft"]!["warnings"]!.AsArray(), w => ((string)w!).Contains("already registered", StringComparison.Ordinal));
        var units = await Units();

        var problem = await ExpectProblem(Commit((string)second["id"]!, new { createMissingUnits = true }), HttpStatusCode.Conflict,
            "urn:policyapi:problem:duplicate-doc-number", "docNumber");
        Assert.Contains("连政发〔2020〕62号", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Contains((string)committed["documentId"]!, (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(1, await Documents());
        Assert.Equal(units, await Units());
    }

    [Fact]
    public async Task Commit_OfAnExpiredDraft_Is410_AndOfAnUnknownImport_Is404()
    {
        Fixture.Clock.SetChinaTime("2026-11-01 09:00");
        var draft = await Draft(SmallPlan, Lianyungang);
        Fixture.Clock.SetChinaTime("2026-11-08 09:01");
        await ExpectProblem(Commit((string)draft["id"]!, new { createMissingUnits = true }), HttpStatusCode.Gone, "urn:policyapi:problem:import-expired");
        await ExpectProblem(Commit(Guid.NewGuid().ToString(), new { createMissingUnits = true }), HttpStatusCode.NotFound, "urn:policyapi:problem:not-found");
        Assert.Equal(0, await Documents());
    }

    [Fact]
    public async Task Commit_MappingANameToAUnitOfAnotherRegion_Is400_AndAnUnknownImport_Is404OnRead()
    {
        var elsewhere = await RegisterUnit(Dalian, "市商务局");
        var created = await Draft(SmallPlan, Lianyungang);
        await ExpectProblem(Commit((string)created["id"]!, new
        {
            unitMappings = new[] { new { name = "市商务局", unitId = Id(elsewhere) } },
            createMissingUnits = true,
        }), HttpStatusCode.BadRequest, "urn:policyapi:problem:validation-failed", "unitMappings[0].unitId");
        Assert.Equal(0, await Documents());
        Assert.Equal(1, await Units());
        Assert.Equal("draft", (string?)(await Expect(Get($"/api/v1/imports/{(string)created["id"]!}"), HttpStatusCode.OK))["status"]);

        await ExpectProblem(Get($"/api/v1/imports/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "urn:policyapi:problem:not-found");
    }

    [Fact]
    public async Task Commit_ByTwoWritersAtOnce_CreatesOneDocument_AndTheOtherIsAConflict()
    {
        var created = await Draft(SmallPlan, Lianyungang);
        var id = (string)created["id"]!;
        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Commit(id, new { createMissingUnits = true })));
        var statuses = answers.Select(a => a.StatusCode).Order().ToList();
        foreach (var answer in answers)
        {
            answer.Dispose();
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], statuses);
        Assert.Equal(1, await Documents());
        Assert.Equal("committed", (string?)(await Expect(Get($"/api/v1/imports/{id}"), HttpStatusCode.OK))["status"]);
    }

    [Fact]
    public async Task Commit_OfAnInvalidCorrectedDraft_Is400NamingTheField()
    {
        var created = await Draft(SmallPlan, Lianyungang);

        // A role the draft does not know is refused as it is read, naming the element.
        var unknownRole = created["draft"]!.DeepClone();
        unknownRole["measures"]![1]!["responsibleUnits"]![0]!["role"] = "boss";
        var roleProblem = await ExpectProblem(Commit((string)created["id"]!, new { draft = unknownRole, createMissingUnits = true }), HttpStatusCode.BadRequest,
            "urn:policyapi:problem:validation-failed", "draft.measures[1].responsibleUnits[0].role");
        Assert.True(roleProblem.ToJsonString().Contains("lead, cooperating, responsible", StringComparison.Ordinal), roleProblem.ToJsonString());

        // Structural mistakes are all reported together.
        var draft = created["draft"]!.DeepClone();
        draft["measures"]![0]!["parentSequence"] = 2;
        draft["chapters"]!.AsArray().Add(draft["chapters"]![0]!.DeepClone());
        var problem = await ExpectProblem(Commit((string)created["id"]!, new { draft, createMissingUnits = true }), HttpStatusCode.BadRequest,
            "urn:policyapi:problem:validation-failed", "draft.measures[0].parentSequence");
        Assert.True(problem["errors"]!.AsObject().ContainsKey("draft.chapters[1].label"), problem.ToJsonString());
        Assert.Equal(0, await Documents());
    }

    [Theory]
    [InlineData("tasks", null, "draft.tasks")]
    [InlineData("targets", null, "draft.targets")]
    [InlineData("cadence", null, "draft.cadence")]
    [InlineData("chapters", null, "draft.chapters")]
    [InlineData("measures[1].responsibleUnits", null, "draft.measures[1].responsibleUnits")]
    [InlineData("measures[1].taskNumbers", null, "draft.measures[1].taskNumbers")]
    [InlineData("measures[1].span", null, "draft.measures[1].span")]
    [InlineData("year", 20210, "draft.year")]
    [InlineData("year", -1, "draft.year")]
    [InlineData("targets[0].period", "99999", "draft.targets[0].period")]
    [InlineData("targets[0].period", "1066", "draft.targets[0].period")]
    public async Task Commit_OfADraftWithAMissingListOrAYearOutOfRange_Is400NamingIt_AndStoresNothing(string path, object? value, string field)
    {
        var created = await Draft(SmallPlan, Lianyungang);
        var draft = created["draft"]!.DeepClone();
        if (draft["targets"]!.AsArray().Count == 0)
        {
            draft["targets"]!.AsArray().Add(JsonNode.Parse("""{"text":"利用外资1亿美元","indicator":"利用外资","comparator":">=","value":1,"unit":"亿美元","accumulation":"cumulative","period":"2021","scope":"region","growth":false,"span":{"start":0,"length":1,"line":1}}"""));
        }

        var (parent, name) = Locate(draft, path);
        parent[name] = value is null ? null : JsonValue.Create(value);

        await ExpectProblem(Commit((string)created["id"]!, new { draft, createMissingUnits = true }), HttpStatusCode.BadRequest,
            "urn:policyapi:problem:validation-failed", field);
        Assert.Equal(0, await Documents());
    }

    private static (JsonObject Parent, string Name) Locate(JsonNode root, string path)
    {
        var parts = path.Split('.');
        var node = root;
        foreach (var part in parts[..^1])
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            node = bracket < 0 ? node[part]! : node[part[..bracket]]![int.Parse(part[(bracket + 1)..^1], CultureInfo.InvariantCulture)]!;
        }

        return (node.AsObject(), parts[^1]);
    }

    [Theory]
    [InlineData("", "text")]
    [InlineData("   \n  ", "text")]
    [InlineData("一、任务\u0000\u0001\u0002（一）措施。", "text")]
    public async Task Import_OfEmptyOrBinaryText_Is400NamingText(string text, string field)
    {
        await ExpectProblem(Post("/api/v1/imports", new { text, region = Lianyungang }), HttpStatusCode.BadRequest, "urn:policyapi:problem:validation-failed", field);
        Assert.Equal(0, await InDatabase(db => db.Imports.CountAsync()));
    }

    [Fact]
    public async Task Import_OfTextWithoutMeasures_Is422()
    {
        await ExpectProblem(Post("/api/v1/imports", new { text = "这是一段普通的文字，没有任何编号的措施。\n第二段文字。", region = Lianyungang }),
            HttpStatusCode.UnprocessableEntity, "urn:policyapi:problem:no-measures-found", "text");
        Assert.Equal(0, await InDatabase(db => db.Imports.CountAsync()));
    }

    [Fact]
    public async Task Import_ForARegionWithNoUnits_IsADraftWarningThatTheCommitRegistersIt_AndCommittingWithoutCreatingUnitsIs422()
    {
        // Issue #14 part 5 replaced the 422 "unknown region" at import: a new region is registered by its first commit.
        var draft = await Expect(Post("/api/v1/imports", new { text = SmallPlan, region = "不存在市" }), HttpStatusCode.Created);
        Assert.Contains(draft["draft"]!["warnings"]!.AsArray(), w => ((string)w!).StartsWith("Region 不存在市 has no registered units yet", StringComparison.Ordinal));
        await ExpectProblem(Commit((string)draft["id"]!), HttpStatusCode.UnprocessableEntity, "urn:policyapi:problem:unresolved-units", "units.市商务局");
        Assert.Equal(0, await Documents());
        Assert.Equal(0, await Units());
    }

    [Fact]
    public async Task Import_OfNonUtf8Bytes_Is400NamingText()
    {
        var prefix = Encoding.UTF8.GetBytes("{\"region\":\"连云港市\",\"text\":\"");
        byte[] gbk = [0xD2, 0xBB, 0xA1, 0xA2, 0xC8, 0xCE, 0xCE, 0xF1]; // 一、任务 in GBK
        var suffix = Encoding.UTF8.GetBytes("\"}");
        var content = new ByteArrayContent([.. prefix, .. gbk, .. suffix]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        await ExpectProblem(Post("/api/v1/imports", content), HttpStatusCode.BadRequest, "urn:policyapi:problem:validation-failed", "text");
        Assert.Equal(0, await InDatabase(db => db.Imports.CountAsync()));
    }

    [Fact]
    public async Task Import_AsPlainText_ReadsTheDraft_AndRefusesBytesThatAreNotUtf8()
    {
        var text = await SeedText("fangchenggang-2021-workplan");
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
        var created = await Expect(Post($"/api/v1/imports/text?region={Uri.EscapeDataString("防城港市")}&issuedOn=2021-03-01", content, idempotencyKey: "fcg-text"), HttpStatusCode.Created);
        Assert.Equal("2021年防城港市扩大利用外资规模工作方案", (string?)created["draft"]!["title"]);
        Assert.Equal("2021-03-01", (string?)created["draft"]!["issuedOn"]);
        Assert.Equal(20, created["draft"]!["measures"]!.AsArray().Count);

        byte[] gbk = [0xD2, 0xBB, 0xA1, 0xA2, 0xB9, 0xA4, 0xD7, 0xF7, 0xC4, 0xBF, 0xB1, 0xEA]; // 一、工作目标 in GBK
        var notUtf8 = new ByteArrayContent(gbk);
        notUtf8.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        await ExpectProblem(Post("/api/v1/imports/text?region=%E9%98%B2%E5%9F%8E%E6%B8%AF%E5%B8%82", notUtf8), HttpStatusCode.BadRequest, "urn:policyapi:problem:validation-failed", "text");
        await ExpectProblem(Post("/api/v1/imports/text?region=%E9%98%B2%E5%9F%8E%E6%B8%AF%E5%B8%82", new { text }), HttpStatusCode.UnsupportedMediaType, "urn:policyapi:problem:unsupported-media-type");
        Assert.Equal(1, await InDatabase(db => db.Imports.CountAsync()));
    }

    [Fact]
    public async Task Import_OfA10MegabyteBody_Is413()
    {
        var text = new string('措', 10 * 1024 * 1024 / 3);
        await ExpectProblem(Post("/api/v1/imports", new { text, region = Lianyungang }), HttpStatusCode.RequestEntityTooLarge, "urn:policyapi:problem:payload-too-large");
        Assert.Equal(0, await InDatabase(db => db.Imports.CountAsync()));
    }

    [Fact]
    public async Task Import_IsReadBackWithAnETag_AndMetadataGivenOverridesWhatIsRead()
    {
        var created = await Expect(Post("/api/v1/imports", new
        {
            text = await SeedText("fangchenggang-2021-workplan"),
            region = "防城港市",
            issuer = "防城港市人民政府",
            issuedOn = "2021-03-01",
        }), HttpStatusCode.Created);
        Assert.Equal("防城港市人民政府", (string?)created["draft"]!["issuer"]);
        Assert.Equal("2021-03-01", (string?)created["draft"]!["issuedOn"]);
        Assert.Equal("monthly", (string?)created["draft"]!["reportingCadence"]!["frequency"]);

        using var read = await Get($"/api/v1/imports/{(string)created["id"]!}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        using var again = await Get($"/api/v1/imports/{(string)created["id"]!}", ETag(read));
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }

    [Fact]
    public async Task DemoData_LoadsTheFourSeedsIntoAnEmptyDatabase_AndNothingWhenDocumentsExist()
    {
        var loader = new DemoDataLoader(
            Fixture.Factory.Services.GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new DemoDataOptions { Directory = SeedsDirectory }),
            NullLogger<DemoDataLoader>.Instance);
        await loader.StartAsync(CancellationToken.None);
        Assert.Equal(4, await Documents());
        var measures = await Expect(Get("/api/v1/measures?limit=5"), HttpStatusCode.OK);
        Assert.Equal("建立领导推动机制", (string?)measures["items"]![0]!["title"]);

        // 各县市区年内开展不少于4次: the manifest registers Fangchenggang's four counties, so the target binds each of them
        // and can be ranked (the 季约谈 of the last one), as the document means.
        var targets = await Expect(Get("/api/v1/targets?limit=100"), HttpStatusCode.OK);
        var perCounty = targets["items"]!.AsArray().Single(t => ((string?)t!["text"] ?? string.Empty).Contains("各县市区", StringComparison.Ordinal) && (decimal)t!["value"]! == 4);
        Assert.Equal("eachUnit", (string?)perCounty!["scope"]);
        Assert.Equal(4, perCounty!["scopeUnitIds"]!.AsArray().Count);
        await Expect(Get($"/api/v1/supervision/rankings?targetId={Id(perCounty)}&asOf=2021-06-30"), HttpStatusCode.OK);

        await loader.StartAsync(CancellationToken.None);
        Assert.Equal(4, await Documents());
    }
}
