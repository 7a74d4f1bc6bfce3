using System.Net;
using System.Text.Json.Nodes;

namespace PolicyApi.Api.IntegrationTests.Support;

/// <summary>Builders for the registry that tests share: documents, chapters, measures, units, assignments.</summary>
public abstract class RegistryTest(ApiFixture fixture) : ApiTest(fixture)
{
    protected const string Lianyungang = "连云港市";
    protected const string Dalian = "大连市";

    protected static object LianyungangDocument(string docNumber = "连政发〔2020〕62号") => new
    {
        title = "市政府关于印发连云港市稳外资促发展若干措施的通知",
        docNumber,
        issuer = "连云港市人民政府",
        region = Lianyungang,
        issuedOn = "2020-07-23",
        kind = "measures",
        basisDocuments = new[] { "《国务院关于进一步做好利用外资工作的意见》（国发〔2019〕23号）" },
        status = "active",
    };

    protected async Task<JsonNode> CreateDocument(object? body = null) =>
        await Expect(Post("/api/v1/documents", body ?? LianyungangDocument()), HttpStatusCode.Created);

    protected async Task<JsonNode> CreateChapter(string documentId, string label, string title) =>
        await Expect(Post($"/api/v1/documents/{documentId}/chapters", new { label, title }), HttpStatusCode.Created);

    protected async Task<JsonNode> CreateMeasure(string documentId, object body) =>
        await Expect(Post($"/api/v1/documents/{documentId}/measures", body), HttpStatusCode.Created);

    protected async Task<JsonNode> RegisterUnit(string region, string name, string kind = "department", string? shortName = null, string[]? aliases = null, string? parentId = null) =>
        await Expect(Post("/api/v1/units", new { region, name, shortName, aliases = aliases ?? [], kind, parentId }), HttpStatusCode.Created);

    protected async Task<JsonNode> Assign(string measureId, string unitId, string role) =>
        await Expect(Post($"/api/v1/measures/{measureId}/assignments", new { unitId, role }), HttpStatusCode.Created);

    protected static string Id(JsonNode node) => (string)node["id"]!;
}
