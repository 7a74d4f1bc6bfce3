using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PolicyApi.Api.IntegrationTests.Support;

namespace PolicyApi.Api.IntegrationTests.Registry;

public sealed class MeasuresTests(ApiFixture fixture) : RegistryTest(fixture)
{
    private const string Validation = "urn:policyapi:problem:validation-failed";

    [Fact]
    public async Task Create_ForAMissingDocument_Returns404AndStoresNothing()
    {
        await ExpectProblem(
            Post($"/api/v1/documents/{Guid.NewGuid()}/measures", new { label = "（一）", title = "建立领导推动机制" }),
            HttpStatusCode.NotFound,
            "urn:policyapi:problem:not-found");

        Assert.Equal(0, await InDatabase(db => db.Measures.CountAsync()));
    }

    [Fact]
    public async Task Measures_AreServedInDocumentOrderWithLabelsAsWrittenAndSubItemsUnderTheirParent()
    {
        var document = await CreateDocument(new { title = "2021年防城港市扩大利用外资规模工作方案", region = "防城港市", kind = "workPlan" });
        var documentId = Id(document);
        var tasks = await CreateChapter(documentId, "二、", "主要任务");
        var first = await CreateMeasure(documentId, new { label = "（一）", title = "全面落实外商投资法及其实施条例", chapterId = Id(tasks) });
        var heading = await CreateMeasure(documentId, new { label = "（三）", title = "聚焦重点平台和重大项目引进外资", kind = "heading", chapterId = Id(tasks) });
        var yiShi = await CreateMeasure(documentId, new { label = "一是", title = "实施重大投资项目外资优先机制", kind = "subItem", parentId = Id(heading) });
        await CreateMeasure(documentId, new { label = "二是", title = "引导外资向重点开放型园区集聚", kind = "subItem", parentId = Id(heading) });
        var repaired = await CreateMeasure(documentId, new { label = "（二）", title = "强化利用外资政策支持", chapterId = Id(tasks), sequence = 2 });

        var page = await Expect(Get($"/api/v1/documents/{documentId}/measures"), HttpStatusCode.OK);
        var items = page["items"]!.AsArray();

        Assert.Equal(["（一）", "（二）", "（三）", "一是", "二是"], items.Select(i => (string)i!["label"]!));
        Assert.Equal([1, 2, 3, 4, 5], items.Select(i => (int)i!["sequence"]!));
        Assert.Equal(Id(heading), (string?)items[3]!["parentId"]);
        Assert.Equal(Id(tasks), (string?)items[3]!["chapterId"]); // a sub-item inherits its parent's chapter
        Assert.Equal("subItem", (string?)items[4]!["kind"]);
        Assert.Equal(Id(repaired), Id(items[1]!));
        Assert.Equal(Id(first), Id(items[0]!));
        Assert.Equal(Id(yiShi), Id(items[3]!));
        Assert.Null(page["nextCursor"]);

        var subItems = await Expect(Get($"/api/v1/measures?parentId={Id(heading)}"), HttpStatusCode.OK);
        Assert.Equal(["一是", "二是"], subItems["items"]!.AsArray().Select(i => (string)i!["label"]!));
        var chapterCount = await Expect(Get($"/api/v1/documents/{documentId}/chapters/{Id(tasks)}"), HttpStatusCode.OK);
        Assert.Equal(5, (int)chapterCount["measureCount"]!);
    }

    [Fact]
    public async Task Create_UnderAParentOfAnotherDocument_Returns400NamingParentId()
    {
        var document = await CreateDocument();
        var other = await CreateDocument(LianyungangDocument("连政发〔2020〕63号"));
        var foreign = await CreateMeasure(Id(other), new { label = "（一）", title = "建立领导推动机制" });

        await ExpectProblem(
            Post($"/api/v1/documents/{Id(document)}/measures", new { label = "1.", title = "子项", parentId = Id(foreign) }),
            HttpStatusCode.BadRequest,
            Validation,
            "parentId");
    }

    [Fact]
    public async Task Create_InAChapterOfAnotherDocument_Returns400NamingChapterId()
    {
        var document = await CreateDocument();
        var other = await CreateDocument(LianyungangDocument("连政发〔2020〕63号"));
        var chapter = await CreateChapter(Id(other), "一、", "加强对稳外资工作领导");

        await ExpectProblem(
            Post($"/api/v1/documents/{Id(document)}/measures", new { label = "（一）", title = "建立领导推动机制", chapterId = Id(chapter) }),
            HttpStatusCode.BadRequest,
            Validation,
            "chapterId");
    }

    [Theory]
    [InlineData("{\"title\":\"建立领导推动机制\"}", "label")]
    [InlineData("{\"label\":\"（一）\"}", "title")]
    [InlineData("{\"label\":\"（一）\",\"title\":\"建立领导推动机制\",\"kind\":\"chapter\"}", "kind")]
    [InlineData("{\"label\":\"（一）\",\"title\":\"建立领导推动机制\",\"sequence\":0}", "sequence")]
    [InlineData("{\"label\":\"（一）\",\"title\":\"建立领导推动机制\",\"sequence\":9}", "sequence")]
    [InlineData("{\"label\":\"（一）\",\"title\":\"建立领导推动机制\",\"parentId\":\"not-a-uuid\"}", "parentId")]
    [InlineData("{\"label\":\"（一）\",\"title\":\"建立领导推动机制\",\"blanketAssignment\":{\"text\":\"各县区、功能板块\",\"unitKinds\":[]}}", "blanketAssignment.unitKinds")]
    [InlineData("{\"label\":\"（一）\",\"title\":\"建立领导推动机制\",\"responsibleUnits\":[]}", "responsibleUnits")]
    public async Task Create_WithInvalidFields_Returns400NamingTheFieldAndStoresNothing(string json, string field)
    {
        var document = await CreateDocument();

        await ExpectProblem(Post($"/api/v1/documents/{Id(document)}/measures", RawJson(json)), HttpStatusCode.BadRequest, Validation, field);

        Assert.Equal(0, await InDatabase(db => db.Measures.CountAsync()));
    }

    [Fact]
    public async Task Create_WithBodyOverItsLimit_Returns400NamingBody()
    {
        var document = await CreateDocument();
        var body = new string('外', 20_001);

        await ExpectProblem(Post($"/api/v1/documents/{Id(document)}/measures", new { label = "（一）", title = "建立领导推动机制", body }), HttpStatusCode.BadRequest, Validation, "body");
    }

    [Fact]
    public async Task Update_WithCurrentETag_RevisesAndMovesTheMeasure()
    {
        var document = await CreateDocument();
        var a = await CreateMeasure(Id(document), new { label = "（一）", title = "建立领导推动机制" });
        var b = await CreateMeasure(Id(document), new { label = "（二）", title = "强化目标督导考核" });
        var (_, etag) = await Read($"/api/v1/measures/{Id(b)}");

        var updated = await Expect(
            Put($"/api/v1/measures/{Id(b)}", new { label = "（二）", title = "强化目标督导考核", kind = "measure", body = "坚持目标导向、问题导向和考核导向", sequence = 1 }, etag),
            HttpStatusCode.OK);

        Assert.Equal(1, (int)updated["sequence"]!);
        Assert.Equal("坚持目标导向、问题导向和考核导向", (string?)updated["body"]);
        var (movedA, _) = await Read($"/api/v1/measures/{Id(a)}");
        Assert.Equal(2, (int)movedA["sequence"]!);
    }

    [Fact]
    public async Task Update_WithStaleETag_Returns412AndChangesNothing()
    {
        var document = await CreateDocument();
        var measure = await CreateMeasure(Id(document), new { label = "（一）", title = "建立领导推动机制" });

        await ExpectProblem(
            Put($"/api/v1/measures/{Id(measure)}", new { label = "（一）", title = "改写", kind = "measure" }, "\"stale\""),
            HttpStatusCode.PreconditionFailed,
            "urn:policyapi:problem:precondition-failed");

        var (read, _) = await Read($"/api/v1/measures/{Id(measure)}");
        Assert.Equal("建立领导推动机制", (string?)read["title"]);
    }

    [Fact]
    public async Task Update_UnderItsOwnSubItem_Returns400()
    {
        var document = await CreateDocument();
        var parent = await CreateMeasure(Id(document), new { label = "（三）", title = "聚焦重点平台和重大项目引进外资", kind = "heading" });
        var child = await CreateMeasure(Id(document), new { label = "一是", title = "实施重大投资项目外资优先机制", kind = "subItem", parentId = Id(parent) });
        var (_, etag) = await Read($"/api/v1/measures/{Id(parent)}");

        await ExpectProblem(
            Put($"/api/v1/measures/{Id(parent)}", new { label = "（三）", title = "聚焦重点平台和重大项目引进外资", kind = "heading", parentId = Id(child) }, etag),
            HttpStatusCode.BadRequest,
            Validation,
            "parentId");
    }

    [Fact]
    public async Task Delete_WithSubItems_Returns409_AndWithoutThemReturns204()
    {
        var document = await CreateDocument();
        var parent = await CreateMeasure(Id(document), new { label = "（三）", title = "聚焦重点平台和重大项目引进外资", kind = "heading" });
        var child = await CreateMeasure(Id(document), new { label = "一是", title = "实施重大投资项目外资优先机制", kind = "subItem", parentId = Id(parent) });
        var (_, parentTag) = await Read($"/api/v1/measures/{Id(parent)}");

        await ExpectProblem(Delete($"/api/v1/measures/{Id(parent)}", parentTag), HttpStatusCode.Conflict, "urn:policyapi:problem:measure-has-sub-items");

        var (_, childTag) = await Read($"/api/v1/measures/{Id(child)}");
        await Expect(Delete($"/api/v1/measures/{Id(child)}", childTag), HttpStatusCode.NoContent);
        var (_, parentTagNow) = await Read($"/api/v1/measures/{Id(parent)}");
        await Expect(Delete($"/api/v1/measures/{Id(parent)}", parentTagNow), HttpStatusCode.NoContent);
        Assert.Equal(0, await InDatabase(db => db.Measures.CountAsync()));
    }

    [Fact]
    public async Task Delete_OfAMeasureATargetIsSetOn_Is409NamingTheTarget_AndKeepsBoth()
    {
        var document = await CreateDocument();
        var measure = await CreateMeasure(Id(document), new { label = "（一）", title = "加大招商引资力度", kind = "measure" });
        await Expect(
            Post($"/api/v1/documents/{Id(document)}/targets", new { measureId = Id(measure), indicator = "实际利用外资", unitOfMeasure = "万美元", comparator = ">=", value = 7000, period = "2021", accumulation = "cumulative" }),
            HttpStatusCode.Created);
        var (_, etag) = await Read($"/api/v1/measures/{Id(measure)}");

        var problem = await ExpectProblem(Delete($"/api/v1/measures/{Id(measure)}", etag), HttpStatusCode.Conflict, "urn:policyapi:problem:measure-in-use");

        Assert.Contains("1 target", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(1, await InDatabase(db => db.Measures.CountAsync()));
        Assert.Equal(1, await InDatabase(db => db.Targets.CountAsync()));
    }

    [Fact]
    public async Task List_ByUnitAndRole_FindsTheUnitsMeasuresAcrossDocumentsIncludingBlanketAssignments()
    {
        var commerce = await RegisterUnit(Lianyungang, "市商务局");
        var reform = await RegisterUnit(Lianyungang, "市发展和改革委员会", shortName: "市发改委");
        var lianyun = await RegisterUnit(Lianyungang, "连云区", kind: "districtGovernment");
        var first = await CreateDocument();
        var second = await CreateDocument(LianyungangDocument("连政发〔2021〕1号"));
        var m1 = await CreateMeasure(Id(first), new { label = "（一）", title = "建立领导推动机制" });
        var m2 = await CreateMeasure(Id(first), new
        {
            label = "（二）",
            title = "强化目标督导考核",
            blanketAssignment = new { text = "各县区、功能板块", unitKinds = new[] { "districtGovernment", "functionalZone" } },
        });
        var m3 = await CreateMeasure(Id(second), new { label = "（一）", title = "拓宽利用外资领域" });
        await Assign(Id(m1), Id(commerce), "lead");
        await Assign(Id(m1), Id(reform), "cooperating");
        await Assign(Id(m2), Id(reform), "responsible");
        await Assign(Id(m3), Id(commerce), "cooperating");

        var commerceMeasures = await Expect(Get($"/api/v1/measures?unitId={Id(commerce)}"), HttpStatusCode.OK);
        Assert.Equal([Id(m1), Id(m3)], commerceMeasures["items"]!.AsArray().Select(i => Id(i!)));
        Assert.Equal(["lead", "cooperating"], commerceMeasures["items"]!.AsArray().Select(i => (string)i!["forUnit"]!["role"]!));

        var commerceLeads = await Expect(Get($"/api/v1/measures?unitId={Id(commerce)}&role=lead"), HttpStatusCode.OK);
        Assert.Equal([Id(m1)], commerceLeads["items"]!.AsArray().Select(i => Id(i!)));

        var district = await Expect(Get($"/api/v1/measures?unitId={Id(lianyun)}"), HttpStatusCode.OK);
        var only = Assert.Single(district["items"]!.AsArray());
        Assert.Equal(Id(m2), Id(only!));
        Assert.True((bool)only!["forUnit"]!["viaBlanketAssignment"]!);
        Assert.Equal("responsible", (string?)only["forUnit"]!["role"]);
        Assert.Empty((await Expect(Get($"/api/v1/measures?unitId={Id(lianyun)}&role=lead"), HttpStatusCode.OK))["items"]!.AsArray());

        var leads = await Expect(Get("/api/v1/measures?role=lead"), HttpStatusCode.OK);
        Assert.Equal([Id(m1)], leads["items"]!.AsArray().Select(i => Id(i!)));

        var responsible = (await Read($"/api/v1/measures/{Id(m1)}")).Body["responsibleUnits"]!.AsArray();
        Assert.Equal(["市商务局", "市发展和改革委员会"], responsible.Select(u => (string)u!["name"]!));
        Assert.Equal(["lead", "cooperating"], responsible.Select(u => (string)u!["role"]!));
    }

    [Fact]
    public async Task List_AcrossDocuments_PagesInDocumentOrder()
    {
        var first = await CreateDocument();
        var second = await CreateDocument(LianyungangDocument("连政发〔2021〕1号"));
        foreach (var (doc, label) in new[] { (first, "（一）"), (second, "（一）"), (first, "（二）"), (second, "（二）"), (first, "（三）") })
        {
            await CreateMeasure(Id(doc), new { label, title = "措施" + label });
        }

        var all = new List<(string Document, string Label)>();
        string? cursor = null;
        do
        {
            var page = await Expect(Get($"/api/v1/measures?limit=2{(cursor is null ? string.Empty : "&cursor=" + cursor)}"), HttpStatusCode.OK);
            all.AddRange(page["items"]!.AsArray().Select(i => ((string)i!["documentId"]!, (string)i["label"]!)));
            cursor = (string?)page["nextCursor"];
        }
        while (cursor is not null);

        Assert.Equal(
            [(Id(first), "（一）"), (Id(first), "（二）"), (Id(first), "（三）"), (Id(second), "（一）"), (Id(second), "（二）")],
            all);
    }

    [Fact]
    public async Task List_ForAMissingDocument_Returns404() =>
        await ExpectProblem(Get($"/api/v1/documents/{Guid.NewGuid()}/measures"), HttpStatusCode.NotFound, "urn:policyapi:problem:not-found");

    [Fact]
    public async Task Get_MeasureETag_ChangesWhenAResponsibleUnitIsRenamed()
    {
        var unit = await RegisterUnit(Lianyungang, "市商务局");
        var document = await CreateDocument();
        var measure = await CreateMeasure(Id(document), new { label = "（一）", title = "建立领导推动机制" });
        await Assign(Id(measure), Id(unit), "lead");
        var (_, before) = await Read($"/api/v1/measures/{Id(measure)}");
        var (_, unitTag) = await Read($"/api/v1/units/{Id(unit)}");

        await Expect(Put($"/api/v1/units/{Id(unit)}", new { name = "连云港市商务局", shortName = "市商务局", kind = "department" }, unitTag), HttpStatusCode.OK);

        using var response = await Get($"/api/v1/measures/{Id(measure)}", ifNoneMatch: before);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("连云港市商务局", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chapters_AreListedInOrderAndAChapterWithMeasuresCannotBeDeleted()
    {
        var document = await CreateDocument();
        var second = await CreateChapter(Id(document), "二、", "贯彻落实对外开放政策");
        var first = await Expect(Post($"/api/v1/documents/{Id(document)}/chapters", new { label = "一、", title = "加强对稳外资工作领导", sequence = 1 }), HttpStatusCode.Created);
        await CreateMeasure(Id(document), new { label = "（一）", title = "建立领导推动机制", chapterId = Id(first) });

        var chapters = await Expect(Get($"/api/v1/documents/{Id(document)}/chapters"), HttpStatusCode.OK);
        Assert.Equal(["一、", "二、"], chapters["items"]!.AsArray().Select(c => (string)c!["label"]!));
        Assert.Equal([1, 0], chapters["items"]!.AsArray().Select(c => (int)c!["measureCount"]!));

        var (_, firstTag) = await Read($"/api/v1/documents/{Id(document)}/chapters/{Id(first)}");
        await ExpectProblem(Delete($"/api/v1/documents/{Id(document)}/chapters/{Id(first)}", firstTag), HttpStatusCode.Conflict, "urn:policyapi:problem:chapter-not-empty");

        var (_, secondTag) = await Read($"/api/v1/documents/{Id(document)}/chapters/{Id(second)}");
        await Expect(Delete($"/api/v1/documents/{Id(document)}/chapters/{Id(second)}", secondTag), HttpStatusCode.NoContent);
        var renamed = await Expect(Put($"/api/v1/documents/{Id(document)}/chapters/{Id(first)}", new { label = "一、", title = "加强对稳外资工作的领导" }, firstTag), HttpStatusCode.OK);
        Assert.Equal("加强对稳外资工作的领导", (string?)renamed["title"]);
    }

    [Fact]
    public async Task Chapter_OfAnotherDocument_Returns404()
    {
        var document = await CreateDocument();
        var other = await CreateDocument(LianyungangDocument("连政发〔2021〕1号"));
        var chapter = await CreateChapter(Id(other), "一、", "加强对稳外资工作领导");

        await ExpectProblem(Get($"/api/v1/documents/{Id(document)}/chapters/{Id(chapter)}"), HttpStatusCode.NotFound, "urn:policyapi:problem:not-found");
    }
}
