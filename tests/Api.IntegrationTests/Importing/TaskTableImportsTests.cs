using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PolicyApi.Api.IntegrationTests.Support;

namespace PolicyApi.Api.IntegrationTests.Importing;

/// <summary>Documents that are only a task table (任务分工表) imported over HTTP, deadlines on measures, and tables the importer cannot read.</summary>
public sealed class TaskTableImportsTests(ApiFixture fixture) : RegistryTest(fixture)
{
    private const string Xiling = "西岭市";

    private static Task<string> CorpusText(string name) =>
        File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Corpus", name + ".txt"), Encoding.UTF8);

    [Fact]
    public async Task TaskTableDocument_ImportedAndCommitted_ExportsItsRowsWithChaptersRolesAndDeadlines()
    {
        await RegisterUnit(Xiling, "市商务局");
        var draft = await Expect(Post("/api/v1/imports", new { text = await CorpusText("xiling-city-2022-plan"), region = Xiling }), HttpStatusCode.Created);
        var measures = draft["draft"]!["measures"]!.AsArray();
        Assert.Equal(8, measures.Count);
        Assert.All(measures, m => Assert.Equal("task", (string?)m!["kind"]));
        Assert.Equal("2022年10月底前", (string?)measures[0]!["deadline"]);

        var committed = await Expect(Post($"/api/v1/imports/{(string)draft["id"]!}/commit", new { createMissingUnits = true }), HttpStatusCode.Created);
        Assert.Equal((3, 8), ((int)committed["chapters"]!, (int)committed["measures"]!));
        var documentId = (string)committed["documentId"]!;

        var table = await Expect(Get($"/api/v1/documents/{documentId}/task-table"), HttpStatusCode.OK);
        var rows = table["rows"]!.AsArray();
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "8"], rows.Select(r => (string)r!["label"]!));
        var first = rows[0]!;
        Assert.Equal("一、强化外资招引", (string?)first["chapter"]);
        Assert.Equal("开展“招商引资攻坚月”活动，市级层面组织境外招商推介活动不少于2次", (string?)first["title"]);
        Assert.Equal(["市商务局"], first["lead"]!.AsArray().Select(u => (string)u!));
        Assert.Equal(["市投资促进局", "市外办"], first["cooperating"]!.AsArray().Select(u => (string)u!));
        Assert.Equal("2022年10月底前", (string?)first["deadline"]);
        Assert.Equal("三、优化营商环境", (string?)rows[7]!["chapter"]);

        using var csv = await Client.GetAsync($"/api/v1/documents/{documentId}/task-table?format=csv");
        var sheet = Downloads.CsvTables(await csv.Content.ReadAsByteArrayAsync())["任务分解表 Tasks"];
        Assert.Equal("完成时限 Deadline", sheet[0][^1]);
        Assert.Equal("长期坚持", sheet[2][^1]);

        var listed = await Expect(Get($"/api/v1/measures?documentId={documentId}&limit=100"), HttpStatusCode.OK);
        var items = listed["items"]!.AsArray();
        Assert.Equal("2022-10-31", (string?)items[0]!["deadlineDate"]);
        Assert.Null(items[1]!["deadlineDate"]);
        Assert.Equal("长期坚持", (string?)items[1]!["deadline"]);
    }

    [Fact]
    public async Task Import_OfATableWithoutAHeader_Is422NamingTheLine()
    {
        await RegisterUnit(Xiling, "市商务局");
        const string text = "西岭市稳外资工作任务表\n1\t开展招商引资攻坚月活动\t市商务局\n2\t建立外资项目库\t市发改委\n";

        var problem = await ExpectProblem(Post("/api/v1/imports", new { text, region = Xiling }),
            HttpStatusCode.UnprocessableEntity, "urn:policyapi:problem:no-measures-found", "text");

        Assert.Contains("Line 2: a table row", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Contains(problem["errors"]!["text"]!.AsArray(), e => ((string)e!).StartsWith("Line 2:", StringComparison.Ordinal));
        Assert.Equal(0, await InDatabase(db => db.Imports.CountAsync()));
    }

    [Fact]
    public async Task Import_OfATextWithTwoDocNumbersAndARowOfAnotherWidth_DraftsWithWarningsNamingTheLines()
    {
        await RegisterUnit("安平县", "县商务局");
        var text = (await CorpusText("anping-county-2022-task-division"))
            .Replace("安政办〔2022〕9号\n", "安政办〔2022〕9号\n安政办〔2022〕11号\n", StringComparison.Ordinal)
            .Replace("\t2022年3月底前\n", "\t2022年3月底前\t备注\n", StringComparison.Ordinal);

        var draft = await Expect(Post("/api/v1/imports", new { text, region = "安平县" }), HttpStatusCode.Created);

        var warnings = draft["draft"]!["warnings"]!.AsArray().Select(w => (string)w!).ToList();
        Assert.Contains(warnings, w => w.StartsWith("Line 4: a second 文号 安政办〔2022〕11号", StringComparison.Ordinal));
        var rowLine = text.Split('\n').ToList().FindIndex(l => l.EndsWith("\t备注", StringComparison.Ordinal)) + 1;
        Assert.Contains(warnings, w => w.StartsWith($"Line {rowLine}: the row has 6 cells", StringComparison.Ordinal));
        Assert.Equal(8, draft["draft"]!["measures"]!.AsArray().Count);
    }

    [Fact]
    public async Task Measure_WithADeadline_ReturnsItAndTheDayItNames_AndRefusesControlCharactersOrTooLongText()
    {
        var document = Id(await CreateDocument());
        var measure = await CreateMeasure(document, new { label = "1", title = "制定全市年度外资招商计划", kind = "task", deadline = "2021年6月底前" });
        Assert.Equal(("2021年6月底前", "2021-06-30"), ((string?)measure["deadline"], (string?)measure["deadlineDate"]));

        await ExpectProblem(Post($"/api/v1/documents/{document}/measures", new { label = "2", title = "建立外资项目库", deadline = "2021年\n6月底前" }),
            HttpStatusCode.BadRequest, "urn:policyapi:problem:validation-failed", "deadline");
        await ExpectProblem(Post($"/api/v1/documents/{document}/measures", new { label = "2", title = "建立外资项目库", deadline = new string('前', 101) }),
            HttpStatusCode.BadRequest, "urn:policyapi:problem:validation-failed", "deadline");
    }

    [Fact]
    public async Task Measure_WithAnUndatedDeadline_FollowsTheDocumentsYear_WhenItsPeriodChanges()
    {
        var document = Id(await CreateDocument(new { title = "2021年稳外资工作方案", region = Lianyungang, kind = "workPlan", period = new { from = "2021-01-01", to = "2021-12-31" } }));
        var measure = Id(await CreateMeasure(document, new { label = "1", title = "开展外资招商活动", kind = "task", deadline = "年底前" }));
        var (before, measureTag) = await Read($"/api/v1/measures/{measure}");
        Assert.Equal("2021-12-31", (string?)before["deadlineDate"]);

        var (_, documentTag) = await Read($"/api/v1/documents/{document}");
        await Expect(Put($"/api/v1/documents/{document}", new { title = "2022年稳外资工作方案", region = Lianyungang, kind = "workPlan", status = "draft", period = new { from = "2022-01-01", to = "2022-12-31" } }, documentTag), HttpStatusCode.OK);

        var (after, newTag) = await Read($"/api/v1/measures/{measure}");
        Assert.Equal("2022-12-31", (string?)after["deadlineDate"]);
        Assert.NotEqual(measureTag, newTag);
    }
}
