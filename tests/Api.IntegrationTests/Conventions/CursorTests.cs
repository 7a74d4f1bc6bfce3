using System.Net;
using PolicyApi.Api.Features.Supervision;
using PolicyApi.Api.Http;
using PolicyApi.Api.IntegrationTests.Support;

namespace PolicyApi.Api.IntegrationTests.Conventions;

/// <summary>A cursor continues the list it came from — the same operation under the same filters — and no other.</summary>
public sealed class CursorTests(ApiFixture fixture) : RegistryTest(fixture)
{
    private const string Validation = "urn:policyapi:problem:validation-failed";

    [Fact]
    public async Task Cursor_OfTheDocumentList_UsedOnTheUnitList_Returns400NamingCursor()
    {
        await CreateDocuments();
        await RegisterUnit(Lianyungang, "市商务局");
        await RegisterUnit(Lianyungang, "市财政局");
        var cursor = await NextCursor("/api/v1/documents?limit=1");

        var problem = await ExpectProblem(Get($"/api/v1/units?limit=1&cursor={cursor}"), HttpStatusCode.BadRequest, Validation, "cursor");

        Assert.Equal(Paging.ForeignCursor, (string?)problem["errors"]!["cursor"]![0]);
    }

    [Fact]
    public async Task Cursor_UnderOneRegion_UsedWithAnotherRegion_Returns400NamingCursor()
    {
        await CreateDocuments();
        var cursor = await NextCursor($"/api/v1/documents?region={Lianyungang}&limit=1");

        var problem = await ExpectProblem(Get($"/api/v1/documents?region={Dalian}&limit=1&cursor={cursor}"), HttpStatusCode.BadRequest, Validation, "cursor");
        Assert.Equal(Paging.ForeignCursor, (string?)problem["errors"]!["cursor"]![0]);

        // Dropping a filter is another list too.
        await ExpectProblem(Get($"/api/v1/documents?limit=1&cursor={cursor}"), HttpStatusCode.BadRequest, Validation, "cursor");
    }

    [Fact]
    public async Task Cursor_UnderTheSameFilters_PagesThroughEveryItemOnce_EvenWithAnotherLimitOrSpelling()
    {
        await CreateDocuments();
        var first = await Expect(Get($"/api/v1/documents?region={Lianyungang}&limit=1"), HttpStatusCode.OK);
        var seen = new List<string> { (string)first["items"]![0]!["docNumber"]! };

        // The parameter names bind case-insensitively, so the old spelling continues the same list; the page size may change.
        var rest = await Expect(Get($"/api/v1/documents?Region={Lianyungang}&limit=5&cursor={(string)first["nextCursor"]!}"), HttpStatusCode.OK);
        seen.AddRange(rest["items"]!.AsArray().Select(i => (string)i!["docNumber"]!));

        Assert.Equal(["连政发〔2020〕61号", "连政发〔2020〕62号", "连政发〔2020〕63号"], seen);
        Assert.Null(rest["nextCursor"]);
    }

    [Fact]
    public async Task Cursor_UnderAnEnumFilterInAnotherCase_ContinuesTheSameList()
    {
        await CreateDocuments();
        var first = await Expect(Get($"/api/v1/documents?region={Lianyungang}&status=ACTIVE&limit=1"), HttpStatusCode.OK);

        // The filter reads any case, so it is the same list: its cursor goes on under the spelling OpenAPI lists.
        var rest = await Expect(Get($"/api/v1/documents?region={Lianyungang}&status=active&limit=5&cursor={(string)first["nextCursor"]!}"), HttpStatusCode.OK);

        Assert.Equal(
            ["连政发〔2020〕61号", "连政发〔2020〕62号", "连政发〔2020〕63号"],
            new[] { first }.Concat([rest]).SelectMany(p => p["items"]!.AsArray()).Select(i => (string)i!["docNumber"]!));

        // A blank enum filter narrows nothing: it is the list without the filter.
        var blank = await Expect(Get($"/api/v1/documents?region={Lianyungang}&status=&limit=1"), HttpStatusCode.OK);
        await Expect(Get($"/api/v1/documents?region={Lianyungang}&limit=5&cursor={(string)blank["nextCursor"]!}"), HttpStatusCode.OK);

        // Another status is another list.
        await ExpectProblem(Get($"/api/v1/documents?region={Lianyungang}&status=draft&limit=5&cursor={(string)first["nextCursor"]!}"), HttpStatusCode.BadRequest, Validation, "cursor");
    }

    [Fact]
    public async Task Cursor_OfAnotherDocumentsChapters_Returns400NamingCursor()
    {
        var (one, two) = (Id(await CreateDocument(LianyungangDocument("连政发〔2020〕61号"))), Id(await CreateDocument(LianyungangDocument("连政发〔2020〕62号"))));
        foreach (var document in new[] { one, two })
        {
            await CreateChapter(document, "一、", "总体要求");
            await CreateChapter(document, "二、", "贯彻落实对外开放政策");
        }

        var cursor = await NextCursor($"/api/v1/documents/{one}/chapters?limit=1");

        await ExpectProblem(Get($"/api/v1/documents/{two}/chapters?limit=1&cursor={cursor}"), HttpStatusCode.BadRequest, Validation, "cursor");
        var next = await Expect(Get($"/api/v1/documents/{one}/chapters?limit=1&cursor={cursor}"), HttpStatusCode.OK);
        Assert.Equal("二、", (string?)next["items"]![0]!["label"]);
    }

    [Fact]
    public void Binding_OfTheDueList_DiffersFromTheOverdueList()
    {
        var due = new ListObligations("2021-07-10", null, null, 10, null);

        Assert.NotEqual(Paging.BindingOf(due), Paging.BindingOf(due with { OnlyOverdue = true }));
        Assert.Equal(Paging.BindingOf(due), Paging.BindingOf(due with { Limit = 50, Cursor = "x" }));
    }

    private async Task CreateDocuments()
    {
        for (var n = 61; n <= 63; n++)
        {
            await CreateDocument(LianyungangDocument($"连政发〔2020〕{n}号"));
        }

        await CreateDocument(new { title = "大连市人民政府关于进一步做好稳外资工作的实施意见", docNumber = "大政发〔2020〕24号", issuer = "大连市人民政府", region = Dalian, issuedOn = "2020-11-15", kind = "implementationOpinions" });
        await CreateDocument(new { title = "大连市稳外资工作方案", docNumber = "大政发〔2020〕25号", issuer = "大连市人民政府", region = Dalian, issuedOn = "2020-11-16", kind = "workPlan" });
    }

    private async Task<string> NextCursor(string url)
    {
        var page = await Expect(Get(url), HttpStatusCode.OK);
        return (string?)page["nextCursor"] ?? throw new InvalidOperationException($"{url} has no next page.");
    }
}
