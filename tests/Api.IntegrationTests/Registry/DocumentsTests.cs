using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PolicyApi.Api.IntegrationTests.Support;

namespace PolicyApi.Api.IntegrationTests.Registry;

public sealed class DocumentsTests(ApiFixture fixture) : RegistryTest(fixture)
{
    private const string Validation = "urn:policyapi:problem:validation-failed";

    [Fact]
    public async Task Create_WithSeedMetadata_Returns201WithLocationETagAndTheTextAsWritten()
    {
        using var response = await Post("/api/v1/documents", LianyungangDocument());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal($"/api/v1/documents/{Id(body)}", response.Headers.Location?.ToString());
        Assert.NotNull(response.Headers.ETag);
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.Equal("市政府关于印发连云港市稳外资促发展若干措施的通知", (string?)body["title"]);
        Assert.Equal("连政发〔2020〕62号", (string?)body["docNumber"]);
        Assert.Equal("2020-07-23", (string?)body["issuedOn"]);
        Assert.Equal("measures", (string?)body["kind"]);
        Assert.Equal("active", (string?)body["status"]);
        Assert.Equal("《国务院关于进一步做好利用外资工作的意见》（国发〔2019〕23号）", (string?)body["basisDocuments"]![0]);
        Assert.EndsWith("Z", (string?)body["createdAt"], StringComparison.Ordinal);

        var (read, etag) = await Read($"/api/v1/documents/{Id(body)}");
        Assert.Equal(body.ToJsonString(), read.ToJsonString());
        Assert.Equal(response.Headers.ETag.ToString(), etag);
    }

    [Fact]
    public async Task Create_WithoutStatus_IsADraft()
    {
        var created = await CreateDocument(new { title = "2021年防城港市扩大利用外资规模工作方案", region = "防城港市", kind = "workPlan" });

        Assert.Equal("draft", (string?)created["status"]);
        Assert.Null((string?)created["docNumber"]);
    }

    [Fact]
    public async Task Get_WithCurrentETagInIfNoneMatch_Returns304WithoutBody()
    {
        var created = await CreateDocument();
        var (_, etag) = await Read($"/api/v1/documents/{Id(created)}");

        using var response = await Get($"/api/v1/documents/{Id(created)}", ifNoneMatch: etag);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, ETag(response));
    }

    [Fact]
    public async Task Get_WithStaleETagInIfNoneMatch_Returns200()
    {
        var created = await CreateDocument();

        using var response = await Get($"/api/v1/documents/{Id(created)}", ifNoneMatch: "\"stale\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_UnknownId_Returns404Problem() =>
        await ExpectProblem(Get($"/api/v1/documents/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "urn:policyapi:problem:not-found");

    [Fact]
    public async Task Get_NonUuidId_Returns400NamingThePathParameter() =>
        await ExpectProblem(Get("/api/v1/documents/62号"), HttpStatusCode.BadRequest, Validation, "documentId");

    [Fact]
    public async Task Create_MalformedJson_Returns400AndStoresNothing()
    {
        await ExpectProblem(Post("/api/v1/documents", RawJson("{\"title\": \"连云港市稳外资促发展若干措施\",")), HttpStatusCode.BadRequest, "urn:policyapi:problem:malformed-request");

        Assert.Equal(0, await InDatabase(db => db.Documents.CountAsync()));
    }

    [Fact]
    public async Task Create_WithoutTitle_Returns400NamingTitleAndStoresNothing()
    {
        await ExpectProblem(Post("/api/v1/documents", new { region = Lianyungang, kind = "measures" }), HttpStatusCode.BadRequest, Validation, "title");

        Assert.Equal(0, await InDatabase(db => db.Documents.CountAsync()));
    }

    [Fact]
    public async Task Create_WithAnUnknownProperty_Returns400NamingIt()
    {
        var problem = await ExpectProblem(
            Post("/api/v1/documents", new { title = "大连市人民政府关于进一步做好稳外资工作的实施意见", region = Dalian, kind = "implementationOpinions", signedBy = "市长" }),
            HttpStatusCode.BadRequest,
            Validation,
            "signedBy");

        Assert.Single(problem["errors"]!.AsObject());
        Assert.Equal(0, await InDatabase(db => db.Documents.CountAsync()));
    }

    [Theory]
    [InlineData("id", "\"0196f3a2-7c1e-7b3a-9d2e-3f4a5b6c7d01\"")]
    [InlineData("createdAt", "\"2020-07-23T00:00:00Z\"")]
    [InlineData("chapterCount", "3")]
    public async Task Create_SettingAServerOwnedField_Returns400(string field, string value)
    {
        var json = $"{{\"title\":\"连云港市稳外资促发展若干措施\",\"region\":\"连云港市\",\"kind\":\"measures\",\"{field}\":{value}}}";

        await ExpectProblem(Post("/api/v1/documents", RawJson(json)), HttpStatusCode.BadRequest, Validation, field);
    }

    [Fact]
    public async Task Create_WithTitleOverItsLimit_Returns400NamingTitle()
    {
        var title = string.Concat(Enumerable.Repeat("稳外资", 167)); // 501 characters

        await ExpectProblem(Post("/api/v1/documents", new { title, region = Lianyungang, kind = "measures" }), HttpStatusCode.BadRequest, Validation, "title");
    }

    [Theory]
    [InlineData("2020-02-30")]
    [InlineData("2020年7月23日")]
    [InlineData("23/07/2020")]
    public async Task Create_WithAnInvalidDate_Returns400NamingIssuedOn(string issuedOn)
    {
        var problem = await ExpectProblem(
            Post("/api/v1/documents", new { title = "连云港市稳外资促发展若干措施", region = Lianyungang, kind = "measures", issuedOn }),
            HttpStatusCode.BadRequest,
            Validation,
            "issuedOn");

        Assert.Contains("YYYY-MM-DD", problem["errors"]!["issuedOn"]![0]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithAnUnknownKind_Returns400ListingTheKinds()
    {
        var problem = await ExpectProblem(
            Post("/api/v1/documents", new { title = "连云港市稳外资促发展若干措施", region = Lianyungang, kind = "通知" }),
            HttpStatusCode.BadRequest,
            Validation,
            "kind");

        Assert.Contains("implementationOpinions", problem["errors"]!["kind"]![0]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithPeriodEndingBeforeItStarts_Returns400()
    {
        await ExpectProblem(
            Post("/api/v1/documents", new { title = "2021年防城港市扩大利用外资规模工作方案", region = "防城港市", kind = "workPlan", period = new { from = "2021-12-31", to = "2021-01-01" } }),
            HttpStatusCode.BadRequest,
            Validation,
            "period.to");
    }

    [Theory]
    [InlineData("连政发〔2020〕62号")]
    [InlineData("连政发[2020]62 号")]
    [InlineData("连政发（2020）62号")]
    public async Task Create_WithADocNumberAlreadyUsed_Returns409NamingItAndStoresNothing(string variant)
    {
        var first = await CreateDocument();

        var problem = await ExpectProblem(
            Post("/api/v1/documents", LianyungangDocument(variant)),
            HttpStatusCode.Conflict,
            "urn:policyapi:problem:duplicate-doc-number",
            "docNumber");

        Assert.Contains(Id(first), (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(1, await InDatabase(db => db.Documents.CountAsync()));
    }

    [Fact]
    public async Task Create_TwoDocumentsWithoutDocNumber_AreBothAccepted()
    {
        await CreateDocument(new { title = "2021年防城港市扩大利用外资规模工作方案", region = "防城港市", kind = "workPlan" });
        await CreateDocument(new { title = "2022年防城港市扩大利用外资规模工作方案", region = "防城港市", kind = "workPlan" });

        Assert.Equal(2, await InDatabase(db => db.Documents.CountAsync()));
    }

    [Fact]
    public async Task Update_WithoutIfMatch_Returns428AndChangesNothing()
    {
        var created = await CreateDocument();

        await ExpectProblem(Put($"/api/v1/documents/{Id(created)}", LianyungangDocument("连政发〔2020〕63号"), ifMatch: null), (HttpStatusCode)428, "urn:policyapi:problem:precondition-required");

        var (read, _) = await Read($"/api/v1/documents/{Id(created)}");
        Assert.Equal("连政发〔2020〕62号", (string?)read["docNumber"]);
    }

    [Fact]
    public async Task Update_WithAStaleIfMatch_Returns412AndChangesNothing()
    {
        var created = await CreateDocument();
        var (_, etag) = await Read($"/api/v1/documents/{Id(created)}");
        await Expect(Put($"/api/v1/documents/{Id(created)}", LianyungangDocument("连政发〔2020〕63号"), etag), HttpStatusCode.OK);

        await ExpectProblem(Put($"/api/v1/documents/{Id(created)}", LianyungangDocument("连政发〔2020〕64号"), etag), HttpStatusCode.PreconditionFailed, "urn:policyapi:problem:precondition-failed");

        var (read, _) = await Read($"/api/v1/documents/{Id(created)}");
        Assert.Equal("连政发〔2020〕63号", (string?)read["docNumber"]);
    }

    [Fact]
    public async Task Update_WithTheCurrentIfMatch_ReplacesTheFieldsAndChangesTheETag()
    {
        var created = await CreateDocument();
        var (_, etag) = await Read($"/api/v1/documents/{Id(created)}");

        using var response = await Put(
            $"/api/v1/documents/{Id(created)}",
            new { title = "连云港市稳外资促发展若干措施", docNumber = "连政发〔2020〕62号", region = Lianyungang, kind = "measures", status = "archived", period = new { from = "2020-07-23" } },
            etag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(etag, ETag(response));
        var (read, readTag) = await Read($"/api/v1/documents/{Id(created)}");
        Assert.Equal(ETag(response), readTag);
        Assert.Equal("连云港市稳外资促发展若干措施", (string?)read["title"]);
        Assert.Equal("archived", (string?)read["status"]);
        Assert.Null(read["issuer"]);
        Assert.Equal("2020-07-23", (string?)read["period"]!["from"]);
        Assert.Empty(read["basisDocuments"]!.AsArray());
    }

    [Fact]
    public async Task Update_ToTheDocNumberOfAnotherDocument_Returns409()
    {
        await CreateDocument();
        var other = await CreateDocument(LianyungangDocument("连政发〔2020〕63号"));
        var (_, etag) = await Read($"/api/v1/documents/{Id(other)}");

        await ExpectProblem(Put($"/api/v1/documents/{Id(other)}", LianyungangDocument(), etag), HttpStatusCode.Conflict, "urn:policyapi:problem:duplicate-doc-number", "docNumber");
    }

    [Fact]
    public async Task Update_WithoutStatus_Returns400RatherThanTurningItIntoADraft()
    {
        var created = await CreateDocument();
        var (_, etag) = await Read($"/api/v1/documents/{Id(created)}");

        await ExpectProblem(Put($"/api/v1/documents/{Id(created)}", new { title = "x", region = Lianyungang, kind = "measures" }, etag), HttpStatusCode.BadRequest, Validation, "status");
    }

    [Fact]
    public async Task Update_UnknownDocument_Returns404() =>
        await ExpectProblem(Put($"/api/v1/documents/{Guid.NewGuid()}", LianyungangDocument(), "\"x\""), HttpStatusCode.NotFound, "urn:policyapi:problem:not-found");

    [Fact]
    public async Task Delete_WhileChaptersAreAttached_Returns409AndKeepsIt()
    {
        var created = await CreateDocument();
        await CreateChapter(Id(created), "一、", "加强对稳外资工作领导");
        var (_, etag) = await Read($"/api/v1/documents/{Id(created)}");

        await ExpectProblem(Delete($"/api/v1/documents/{Id(created)}", etag), HttpStatusCode.Conflict, "urn:policyapi:problem:document-not-empty");

        await Read($"/api/v1/documents/{Id(created)}");
    }

    [Fact]
    public async Task Delete_WithoutIfMatch_Returns428()
    {
        var created = await CreateDocument();

        await ExpectProblem(Delete($"/api/v1/documents/{Id(created)}", null), (HttpStatusCode)428, "urn:policyapi:problem:precondition-required");
    }

    [Fact]
    public async Task Delete_EmptyDocumentWithCurrentETag_Returns204AndThenItIsGone()
    {
        var created = await CreateDocument();
        var (_, etag) = await Read($"/api/v1/documents/{Id(created)}");

        await Expect(Delete($"/api/v1/documents/{Id(created)}", etag), HttpStatusCode.NoContent);

        await ExpectProblem(Get($"/api/v1/documents/{Id(created)}"), HttpStatusCode.NotFound, "urn:policyapi:problem:not-found");
    }

    [Fact]
    public async Task Delete_WithStaleETag_Returns412AndKeepsIt()
    {
        var created = await CreateDocument();

        await ExpectProblem(Delete($"/api/v1/documents/{Id(created)}", "\"stale\""), HttpStatusCode.PreconditionFailed, "urn:policyapi:problem:precondition-failed");

        await Read($"/api/v1/documents/{Id(created)}");
    }

    [Fact]
    public async Task List_FiltersByRegionIssuerYearKindAndWordsInTheTitle()
    {
        await CreateDocument();
        await CreateDocument(new { title = "大连市人民政府关于进一步做好稳外资工作的实施意见", docNumber = "大政发〔2020〕24号", issuer = "大连市人民政府", region = Dalian, issuedOn = "2020-11-15", kind = "implementationOpinions" });
        await CreateDocument(new { title = "2021年防城港市扩大利用外资规模工作方案", region = "防城港市", kind = "workPlan", period = new { from = "2021-01-01", to = "2021-12-31" } });
        await CreateDocument(new { title = "关于印发《中国（江苏）自由贸易试验区连云港经济技术开发区联动创新发展中区建设方案》的通知", docNumber = "连开委〔2021〕54号", issuer = "连云港经济技术开发区管理委员会", region = "连云港经济技术开发区", issuedOn = "2021-07-30", kind = "constructionPlan" });

        Assert.Equal(["市政府关于印发连云港市稳外资促发展若干措施的通知"], await Titles($"region={Lianyungang}"));
        Assert.Equal(["大连市人民政府关于进一步做好稳外资工作的实施意见"], await Titles("issuer=大连市人民政府"));
        Assert.Equal(2, (await Titles("year=2020")).Count);
        Assert.Equal(2, (await Titles("year=2021")).Count); // the undated Fangchenggang plan counts by its period
        Assert.Equal(2, (await Titles("q=稳外资")).Count);
        Assert.Equal(["2021年防城港市扩大利用外资规模工作方案"], await Titles("q=外资规模"));
        Assert.Equal(["2021年防城港市扩大利用外资规模工作方案"], await Titles("kind=workPlan"));
        Assert.Single(await Titles("q=（江苏）自由贸易"));
        Assert.Empty(await Titles("q=100%"));
    }

    [Fact]
    public async Task List_PagesWithACursorInStableOrderAndNoCursorOnTheLastPage()
    {
        for (var n = 1; n <= 5; n++)
        {
            await CreateDocument(LianyungangDocument($"连政发〔2020〕{60 + n}号"));
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await Expect(Get($"/api/v1/documents?limit=2{(cursor is null ? string.Empty : $"&cursor={cursor}")}"), HttpStatusCode.OK);
            seen.AddRange(page["items"]!.AsArray().Select(i => (string)i!["docNumber"]!));
            cursor = (string?)page["nextCursor"];
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(61, 5).Select(n => $"连政发〔2020〕{n}号"), seen);
    }

    [Fact]
    public async Task List_DefaultsToTwentyItems()
    {
        for (var n = 1; n <= 21; n++)
        {
            await CreateDocument(LianyungangDocument($"连政发〔2020〕{n}号"));
        }

        var page = await Expect(Get("/api/v1/documents"), HttpStatusCode.OK);

        Assert.Equal(20, page["items"]!.AsArray().Count);
        Assert.NotNull((string?)page["nextCursor"]);
    }

    [Theory]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=twenty", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("year=99999", "year")]
    [InlineData("kind=regulation", "kind")]
    public async Task List_WithAnInvalidParameter_Returns400NamingIt(string query, string field) =>
        await ExpectProblem(Get($"/api/v1/documents?{query}"), HttpStatusCode.BadRequest, Validation, field);

    private async Task<List<string>> Titles(string query)
    {
        var page = await Expect(Get($"/api/v1/documents?{query}"), HttpStatusCode.OK);
        return [.. page["items"]!.AsArray().Select(i => (string)i!["title"]!)];
    }
}
