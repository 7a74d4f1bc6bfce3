using System.Net;
using System.Text.Json.Nodes;
using PolicyApi.Api.IntegrationTests.Support;
using PolicyApi.Domain.Common;

namespace PolicyApi.Api.IntegrationTests.Registry;

/// <summary>
/// The four seed documents entered through the API as their careful readings (data/seeds/expected) describe
/// them, then read back: every text comes back exactly as written, in document order, with units and roles.
/// </summary>
public sealed class SeedDocumentsTests(ApiFixture fixture) : RegistryTest(fixture)
{
    /// <summary>Spellings the seeds use for one unit: the first is the registered name, the rest aliases.</summary>
    private static readonly Dictionary<string, string[][]> AliasesByRegion = new()
    {
        ["连云港市"] = [["市发展和改革委员会", "市发改委", "市发展改革委"]],
        ["防城港市"] = [["市发展改革委", "发展改革委"], ["市商务局", "商务局"], ["市投资促进局", "投资促进局"], ["市财政局", "财政局"]],
        ["连云港经济技术开发区"] = [["区自贸办", "区自貿办"]],
        ["大连市"] = [],
    };

    [Theory]
    [InlineData("lianyungang-2020-measures")]
    [InlineData("dalian-2020-opinions")]
    [InlineData("fangchenggang-2021-workplan")]
    [InlineData("lianyungang-etdz-2021-plan")]
    public async Task SeedDocument_EnteredThroughTheApi_ReadsBackExactlyInDocumentOrderWithUnitsAndRoles(string seed)
    {
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Seeds", "expected", $"{seed}.expected.json")))!;
        var sourceText = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Seeds", $"{seed}.txt"));
        var region = (string)expected["region"]!;
        var canonical = await RegisterAliasesAsync(region);

        var document = await CreateDocument(new
        {
            title = (string)expected["title"]!,
            docNumber = (string?)expected["docNumber"],
            issuer = (string?)expected["issuer"],
            region,
            issuedOn = (string?)expected["issuedOn"],
            kind = KindOf((string)expected["title"]!),
            status = "active",
        });
        var documentId = Id(document);

        var chapters = new Dictionary<string, string>();
        foreach (var chapter in expected["chapters"]!.AsArray())
        {
            chapters[(string)chapter!["label"]!] = Id(await CreateChapter(documentId, (string)chapter["label"]!, (string)chapter["title"]!));
        }

        // The whole source text, PDF damage and all, is kept as the body of the first measure.
        var measureIds = new List<(string Chapter, string Label, string Id)>();
        var first = true;
        foreach (var measure in expected["measures"]!.AsArray())
        {
            var chapterLabel = (string)measure!["chapter"]!;
            var parentLabel = (string?)measure["parent"];
            var parentId = parentLabel is null ? null : measureIds.Last(m => m.Chapter == chapterLabel && m.Label == parentLabel).Id;
            var label = (string?)measure["labelAsWritten"] ?? (string)measure["label"]!;
            var blanket = (string?)measure["blanketAssignment"];
            var created = await CreateMeasure(documentId, new
            {
                label,
                title = (string)measure["title"]!,
                body = first ? sourceText : null,
                kind = (string)measure["kind"]!,
                chapterId = parentId is null ? chapters[chapterLabel] : null,
                parentId,
                blanketAssignment = blanket is null ? null : new { text = blanket, unitKinds = new[] { "districtGovernment", "functionalZone" } },
            });
            first = false;
            measureIds.Add((chapterLabel, (string)measure["label"]!, Id(created)));
            await AssignAllAsync(Id(created), region, measure["responsibleUnits"]!.AsArray());
        }

        foreach (var task in expected["tasks"]!.AsArray())
        {
            var parent = measureIds.Last(m => m.Label == (string)task!["measureLabel"]!);
            var text = (string)task!["text"]!;
            var created = await CreateMeasure(documentId, new
            {
                label = ((int)task["number"]!).ToString(System.Globalization.CultureInfo.InvariantCulture),
                title = text,
                body = text,
                kind = "task",
                keyWork = (string?)task["keyWork"],
                parentId = parent.Id,
            });
            await AssignAllAsync(Id(created), region, task["responsibleUnits"]!.AsArray());
        }

        // Read everything back.
        var (readDocument, _) = await Read($"/api/v1/documents/{documentId}");
        Assert.Equal((string)expected["title"]!, (string?)readDocument["title"]);
        Assert.Equal((string?)expected["docNumber"], (string?)readDocument["docNumber"]);
        Assert.Equal((string?)expected["issuer"], (string?)readDocument["issuer"]);
        Assert.Equal((string?)expected["issuedOn"], (string?)readDocument["issuedOn"]);
        Assert.Equal(expected["chapters"]!.AsArray().Count, (int)readDocument["chapterCount"]!);

        var readChapters = await Expect(Get($"/api/v1/documents/{documentId}/chapters?limit=100"), HttpStatusCode.OK);
        Assert.Equal(
            expected["chapters"]!.AsArray().Select(c => ((string)c!["label"]!, (string)c["title"]!)),
            readChapters["items"]!.AsArray().Select(c => ((string)c!["label"]!, (string)c["title"]!)));

        var read = await AllMeasuresAsync(documentId);
        var expectedMeasures = expected["measures"]!.AsArray();
        var expectedTasks = expected["tasks"]!.AsArray();
        Assert.Equal(expectedMeasures.Count + expectedTasks.Count, read.Count);
        Assert.Equal(sourceText, (string?)read[0]["body"]);
        var chapterLabels = chapters.ToDictionary(c => c.Value, c => c.Key);
        var labelsById = read.ToDictionary(m => Id(m), m => (string)m["label"]!);
        for (var i = 0; i < expectedMeasures.Count; i++)
        {
            var want = expectedMeasures[i]!;
            var got = read[i];
            Assert.Equal((string?)want["labelAsWritten"] ?? (string)want["label"]!, (string?)got["label"]);
            Assert.Equal((string)want["title"]!, (string?)got["title"]);
            Assert.Equal((string)want["kind"]!, (string?)got["kind"]);
            Assert.Equal((string)want["chapter"]!, chapterLabels[(string)got["chapterId"]!]);
            Assert.Equal((string?)want["parent"], got["parentId"] is null ? null : Relabel(labelsById[(string)got["parentId"]!], expectedMeasures));
            Assert.Equal((string?)want["blanketAssignment"], (string?)got["blanketAssignment"]?["text"]);
            AssertUnits(want["responsibleUnits"]!.AsArray(), got["responsibleUnits"]!.AsArray(), canonical);
        }

        for (var i = 0; i < expectedTasks.Count; i++)
        {
            var want = expectedTasks[i]!;
            var got = read[expectedMeasures.Count + i];
            Assert.Equal("task", (string?)got["kind"]);
            Assert.Equal((string)want["text"]!, (string?)got["body"]);
            Assert.Equal((string?)want["keyWork"], (string?)got["keyWork"]);
            Assert.Equal((string)want["measureLabel"]!, labelsById[(string)got["parentId"]!]);
            AssertUnits(want["responsibleUnits"]!.AsArray(), got["responsibleUnits"]!.AsArray(), canonical);
        }
    }

    private static string Relabel(string labelAsWritten, JsonArray measures) =>
        measures.Select(m => m!).Where(m => ((string?)m["labelAsWritten"] ?? (string)m["label"]!) == labelAsWritten).Select(m => (string)m["label"]!).First();

    private static void AssertUnits(JsonArray want, JsonArray got, IReadOnlyDictionary<string, string> canonical)
    {
        Assert.Equal(
            want.Select(u => (canonical.GetValueOrDefault(TextKey.For((string)u!["name"]!), (string)u["name"]!), (string)u["role"]!)),
            got.Select(u => ((string)u!["name"]!, (string)u["role"]!)));
    }

    private async Task<IReadOnlyDictionary<string, string>> RegisterAliasesAsync(string region)
    {
        var canonical = new Dictionary<string, string>();
        foreach (var spellings in AliasesByRegion[region])
        {
            await RegisterUnit(region, spellings[0], aliases: spellings[1..]);
            foreach (var spelling in spellings)
            {
                canonical[TextKey.For(spelling)] = spellings[0];
            }
        }

        return canonical;
    }

    /// <summary>Assigns each listed unit, resolving its name against the region's registry and registering it when unknown.</summary>
    private async Task AssignAllAsync(string measureId, string region, JsonArray units)
    {
        foreach (var unit in units)
        {
            var name = (string)unit!["name"]!;
            var found = await Expect(Get($"/api/v1/units?region={Uri.EscapeDataString(region)}&name={Uri.EscapeDataString(name)}"), HttpStatusCode.OK);
            var unitId = found["items"]!.AsArray().SingleOrDefault() is { } existing
                ? Id(existing)
                : Id(await RegisterUnit(region, name, kind: name.Contains("政府", StringComparison.Ordinal) || name.EndsWith('区') ? "districtGovernment" : "department"));
            await Assign(measureId, unitId, (string)unit["role"]!);
        }
    }

    private async Task<List<JsonNode>> AllMeasuresAsync(string documentId)
    {
        var all = new List<JsonNode>();
        string? cursor = null;
        do
        {
            var page = await Expect(Get($"/api/v1/documents/{documentId}/measures?limit=100{(cursor is null ? string.Empty : "&cursor=" + cursor)}"), HttpStatusCode.OK);
            all.AddRange(page["items"]!.AsArray().Select(m => m!));
            cursor = (string?)page["nextCursor"];
        }
        while (cursor is not null);
        return all;
    }

    private static string KindOf(string title) =>
        title.Contains("建设方案", StringComparison.Ordinal) ? "constructionPlan"
        : title.Contains("工作方案", StringComparison.Ordinal) ? "workPlan"
        : title.Contains("意见", StringComparison.Ordinal) ? "implementationOpinions"
        : title.Contains("措施", StringComparison.Ordinal) ? "measures"
        : "other";
}
