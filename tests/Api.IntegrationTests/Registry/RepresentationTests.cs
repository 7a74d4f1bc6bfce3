using System.Net;
using System.Text.Json.Nodes;
using PolicyApi.Api.IntegrationTests.Support;

namespace PolicyApi.Api.IntegrationTests.Registry;

/// <summary>A resource reads the same in its list as on its own, including what it embeds from beyond its row.</summary>
public sealed class RepresentationTests(ApiFixture fixture) : RegistryTest(fixture)
{
    [Fact]
    public async Task ListItem_OfAResourceThatEmbedsCountsOrAUnit_IsWhatItsGetAnswers()
    {
        var document = await CreateDocument();
        var chapter = await CreateChapter(Id(document), "一、", "强化组织领导");
        var measure = await CreateMeasure(Id(document), new { label = "（一）", title = "建立领导推动机制", chapterId = Id(chapter) });
        await CreateMeasure(Id(document), new { label = "1.", title = "每季度召开一次稳外资工作推进会", parentId = Id(measure) });
        var unit = await RegisterUnit(Lianyungang, "市商务局");
        var assignment = await Assign(Id(measure), Id(unit), "lead");
        var report = await Expect(
            Post("/api/v1/progress-reports", new { unitId = Id(unit), measureId = Id(measure), period = "2021-M06", narrative = "上半年召开稳外资工作推进会2次" }),
            HttpStatusCode.Created);

        var listedDocument = await ListedAsGot("/api/v1/documents", $"/api/v1/documents/{Id(document)}");
        var listedChapter = await ListedAsGot($"/api/v1/documents/{Id(document)}/chapters", $"/api/v1/documents/{Id(document)}/chapters/{Id(chapter)}");
        var listedAssignment = await ListedAsGot($"/api/v1/measures/{Id(measure)}/assignments", $"/api/v1/measures/{Id(measure)}/assignments/{Id(assignment)}");
        var listedReport = await ListedAsGot("/api/v1/progress-reports", $"/api/v1/progress-reports/{Id(report)}");

        Assert.Equal((1, 2), ((int)listedDocument["chapterCount"]!, (int)listedDocument["measureCount"]!));
        Assert.Equal(2, (int)listedChapter["measureCount"]!); // the sub-item inherits its parent's chapter
        Assert.Equal("市商务局", (string?)listedAssignment["unitName"]);
        Assert.Equal("市商务局", (string?)listedReport["unitName"]);
    }

    /// <summary>The one item of the list at <paramref name="listUrl"/>, after checking it is the body GET answers at <paramref name="url"/>.</summary>
    private async Task<JsonNode> ListedAsGot(string listUrl, string url)
    {
        var list = await Expect(Get(listUrl), HttpStatusCode.OK);
        var item = Assert.Single(list["items"]!.AsArray())!;
        var (body, _) = await Read(url);
        Assert.True(JsonNode.DeepEquals(item, body), $"{listUrl} lists {item.ToJsonString()}, but {url} answers {body.ToJsonString()}");
        return item;
    }
}
