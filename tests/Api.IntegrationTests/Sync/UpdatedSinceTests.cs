using System.Net;
using System.Text.Json.Nodes;
using PolicyApi.Api.IntegrationTests.Support;

namespace PolicyApi.Api.IntegrationTests.Sync;

/// <summary>Every list of resources answers "what changed since my last look" with updatedSince.</summary>
public sealed class UpdatedSinceTests(ApiFixture fixture) : RegistryTest(fixture)
{
    [Fact]
    public async Task EveryList_WithUpdatedSince_HoldsOnlyWhatWasCreatedOrChangedSince()
    {
        Fixture.Clock.SetChinaTime("2021-06-01 09:00");
        var oldUnit = Id(await RegisterUnit(Lianyungang, "市商务局"));
        var document = Id(await CreateDocument());
        var oldChapter = Id(await CreateChapter(document, "一、", "强化招商引资"));
        var oldMeasure = Id(await CreateMeasure(document, new { label = "（一）", title = "建立领导推动机制", chapterId = oldChapter }));
        var oldAssignment = Id(await Assign(oldMeasure, oldUnit, "responsible"));

        Fixture.Clock.SetChinaTime("2021-07-01 09:00");
        var newUnit = Id(await RegisterUnit(Lianyungang, "市发展改革委"));
        var newChapter = Id(await CreateChapter(document, "二、", "优化营商环境"));
        var newMeasure = Id(await CreateMeasure(document, new { label = "（二）", title = "强化目标督导考核", chapterId = newChapter }));
        var newAssignment = Id(await Assign(newMeasure, newUnit, "lead"));

        const string since = "2021-07-01T00:00:00%2B08:00";
        Assert.Equal([newUnit], await Ids($"/api/v1/units?updatedSince={since}"));
        Assert.Equal([newChapter], await Ids($"/api/v1/documents/{document}/chapters?updatedSince={since}"));
        Assert.Equal([newMeasure], await Ids($"/api/v1/documents/{document}/measures?updatedSince={since}"));
        Assert.Equal([newMeasure], await Ids($"/api/v1/measures?documentId={document}&updatedSince={since}"));
        Assert.Equal([newAssignment], await Ids($"/api/v1/measures/{newMeasure}/assignments?updatedSince={since}"));
        Assert.Empty(await Ids($"/api/v1/measures/{oldMeasure}/assignments?updatedSince={since}"));
        Assert.Empty(await Ids("/api/v1/documents?updatedSince=2021-07-02T00:00:00Z"));

        // A change brings an old item back into the list; the same instant in UTC is the same filter.
        var (_, etag) = await Read($"/api/v1/units/{oldUnit}");
        await Expect(Put($"/api/v1/units/{oldUnit}", new { name = "市商务局", shortName = "商务局", aliases = Array.Empty<string>(), kind = "department" }, etag), HttpStatusCode.OK);
        Assert.Equal(new[] { oldUnit, newUnit }.Order(StringComparer.Ordinal), (await Ids("/api/v1/units?updatedSince=2021-06-30T16:00:00Z")).Order(StringComparer.Ordinal));
        Assert.Equal(2, (await Ids($"/api/v1/measures/{oldMeasure}/assignments?updatedSince=2021-01-01T00:00:00Z")).Count + (await Ids($"/api/v1/measures/{newMeasure}/assignments?updatedSince=2021-01-01T00:00:00Z")).Count);
        Assert.Equal([oldAssignment], await Ids($"/api/v1/measures/{oldMeasure}/assignments"));
    }

    [Theory]
    [InlineData("/api/v1/units?updatedSince=yesterday")]
    [InlineData("/api/v1/documents?updatedSince=2021-13-01T00:00:00Z")]
    [InlineData("/api/v1/progress-reports?updatedSince=%00")]
    [InlineData("/api/v1/units?updatedSince=0001-01-01T00:00:00%2B14:00")] // before the first instant there is
    [InlineData("/api/v1/targets?updatedSince=9999-12-31T23:59:59-14:00")] // after the last
    public async Task UpdatedSince_NotAnInstant_Is400NamingIt(string url) =>
        await ExpectProblem(Get(url), HttpStatusCode.BadRequest, "urn:policyapi:problem:validation-failed", "updatedSince");

    private async Task<List<string>> Ids(string url)
    {
        var page = await Expect(Get(url), HttpStatusCode.OK);
        return [.. page["items"]!.AsArray().Select(i => (string)i!["id"]!)];
    }
}
