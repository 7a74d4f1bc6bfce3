using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PolicyApi.Api.IntegrationTests.Support;
using PolicyApi.Api.Security;
using PolicyApi.Infrastructure.ChangeFeed;

namespace PolicyApi.Api.IntegrationTests.Sync;

/// <summary>
/// The change feed as a phone or another system follows it: every committed change once, in commit order, with the
/// resource as it is now or a tombstone; a reporter sees only its own unit's reports and duties; a token the feed no
/// longer covers is a 410 that says to resync.
/// </summary>
public sealed class ChangeFeedTests(ApiFixture fixture) : RegistryTest(fixture)
{
    private async Task<string> CurrentToken(HttpClient? client = null, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/changes");
        if (token is not null)
        {
            request.Headers.Authorization = Tokens.Bearer(token);
        }

        var page = await Expect((client ?? Client).SendAsync(request), HttpStatusCode.OK);
        Assert.Empty(page["items"]!.AsArray());
        Assert.False((bool)page["hasMore"]!);
        return (string)page["nextSince"]!;
    }

    /// <summary>Follows the feed from <paramref name="since"/> to its end; returns the items and the token to go on from.</summary>
    private async Task<(List<JsonNode> Items, string Since)> Follow(string since, string? token = null, int limit = 7)
    {
        var items = new List<JsonNode>();
        while (true)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/changes?since={since}&limit={limit}");
            if (token is not null)
            {
                request.Headers.Authorization = Tokens.Bearer(token);
            }

            var page = await Expect((token is null ? Client : Anonymous).SendAsync(request), HttpStatusCode.OK);
            items.AddRange(page["items"]!.AsArray().Select(i => i!));
            since = (string)page["nextSince"]!;
            if (!(bool)page["hasMore"]!)
            {
                return (items, since);
            }
        }
    }

    private static string Path(JsonNode change) => (string)change["entity"]! switch
    {
        "document" => $"/api/v1/documents/{change["id"]}",
        "chapter" => $"/api/v1/documents/{change["data"]?["documentId"]}/chapters/{change["id"]}",
        "measure" => $"/api/v1/measures/{change["id"]}",
        "assignment" => $"/api/v1/measures/{change["data"]?["measureId"]}/assignments/{change["id"]}",
        "unit" => $"/api/v1/units/{change["id"]}",
        "target" => $"/api/v1/targets/{change["id"]}",
        "allocations" => $"/api/v1/targets/{change["id"]}/allocations",
        "progressReport" => $"/api/v1/progress-reports/{change["id"]}",
        var other => throw new InvalidOperationException(other),
    };

    [Fact]
    public async Task Phone_FollowingTheFeedThroughADayOfChanges_EndsWithTheServersState()
    {
        var since = await CurrentToken();

        var unit = Id(await RegisterUnit(Lianyungang, "市商务局"));
        var other = Id(await RegisterUnit(Lianyungang, "市发展改革委"));
        var document = Id(await CreateDocument());
        var chapter = Id(await CreateChapter(document, "一、", "强化招商引资"));
        var measure = Id(await CreateMeasure(document, new { label = "（一）", title = "建立领导推动机制", chapterId = chapter }));
        await Assign(measure, unit, "responsible");
        var removed = Id(await Assign(measure, other, "cooperating"));
        var (_, measureTag) = await Read($"/api/v1/measures/{measure}");
        await Expect(Put($"/api/v1/measures/{measure}", new { label = "（一）", title = "建立市领导挂钩联系重点外资项目机制", chapterId = chapter, kind = "measure" }, measureTag), HttpStatusCode.OK);
        var (_, assignmentTag) = await Read($"/api/v1/measures/{measure}/assignments/{removed}");
        await Expect(Delete($"/api/v1/measures/{measure}/assignments/{removed}", assignmentTag), HttpStatusCode.NoContent);
        var (_, unitTag) = await Read($"/api/v1/units/{other}");
        await Expect(Delete($"/api/v1/units/{other}", unitTag), HttpStatusCode.NoContent);

        var (items, _) = await Follow(since);

        // In commit order: what was made first comes first, each delete after what it deletes.
        var order = items.Select(i => ((string)i["entity"]!, (string)i["action"]!, (string)i["id"]!)).ToList();
        Assert.Equal(("unit", "created", unit), order[0]);
        Assert.True(order.IndexOf(("assignment", "created", removed)) < order.IndexOf(("assignment", "deleted", removed)));
        Assert.Equal(("unit", "deleted", other), order[^1]);
        Assert.Contains(("measure", "updated", measure), order);

        // Applied in order, the feed leaves the phone with what the server holds now, and nothing it has deleted.
        var phone = new Dictionary<string, JsonNode>();
        foreach (var item in items)
        {
            var key = Path(item);
            if ((string)item["action"]! == "deleted")
            {
                Assert.Null(item["data"]);
                Assert.Null(item["version"]);
                phone.Remove(key);
            }
            else if (item["data"] is { } data)
            {
                phone[key] = data;
            }
        }

        foreach (var (path, data) in phone)
        {
            var (server, _) = await Read(path);
            Assert.True(JsonNode.DeepEquals(server, data), $"{path}: the feed's representation differs from GET");
        }

        Assert.Equal("建立市领导挂钩联系重点外资项目机制", (string?)phone[$"/api/v1/measures/{measure}"]["title"]);
        Assert.DoesNotContain($"/api/v1/units/{other}", phone.Keys);
        await Expect(Get($"/api/v1/units/{other}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ConcurrentWriters_AFollowerMissesNothing_AndSeesNothingTwice()
    {
        var since = await CurrentToken();
        var created = new ConcurrentBag<string>();
        var writing = Task.WhenAll(Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                created.Add(Id(await RegisterUnit(Lianyungang, $"第{writer}组第{i}号单位")));
            }
        })));

        // The follower reads while the writers commit, then drains what is left.
        var seen = new List<JsonNode>();
        while (!writing.IsCompleted)
        {
            var (items, next) = await Follow(since, limit: 3);
            seen.AddRange(items);
            since = next;
        }

        await writing;
        seen.AddRange((await Follow(since)).Items);

        var units = seen.Where(i => (string)i["entity"]! == "unit").Select(i => (string)i["id"]!).ToList();
        Assert.Equal(40, created.Count);
        Assert.Equal(created.Order(StringComparer.Ordinal), units.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Reporter_SeesItsOwnUnitsReportsAndDuties_NotAnotherUnits()
    {
        var unitA = Id(await RegisterUnit(Lianyungang, "连云区", kind: "districtGovernment"));
        var unitB = Id(await RegisterUnit(Lianyungang, "海州区", kind: "districtGovernment"));
        var document = Id(await CreateDocument());
        var measure = Id(await CreateMeasure(document, new { label = "（一）", title = "建立领导推动机制" }));
        var reporterA = Tokens.For(Roles.Reporter, Guid.Parse(unitA), subject: "reporter-a");
        var reporterB = Tokens.For(Roles.Reporter, Guid.Parse(unitB), subject: "reporter-b");
        var sinceA = await CurrentToken(Anonymous, reporterA);
        var sinceB = await CurrentToken(Anonymous, reporterB);

        var dutyA = Id(await Assign(measure, unitA, "responsible"));
        var dutyB = Id(await Assign(measure, unitB, "cooperating"));
        var reportA = Id(await FileAs(reporterA, unitA, measure));
        var reportB = Id(await FileAs(reporterB, unitB, measure));

        var (forA, _) = await Follow(sinceA, reporterA);
        var (forB, _) = await Follow(sinceB, reporterB);

        static List<string> Ids(List<JsonNode> items, string entity) => [.. items.Where(i => (string)i["entity"]! == entity).Select(i => (string)i["id"]!).Distinct()];
        Assert.Equal([reportA], Ids(forA, "progressReport"));
        Assert.Equal([dutyA], Ids(forA, "assignment"));
        Assert.Equal([reportB], Ids(forB, "progressReport"));
        Assert.Equal([dutyB], Ids(forB, "assignment"));
        Assert.Contains(measure, Ids(forB, "measure")); // the registry is everyone's

        // A supervisor sees both units' reports.
        var (all, _) = await Follow(sinceA);
        Assert.Equal(new[] { reportA, reportB }.Order(StringComparer.Ordinal), Ids(all, "progressReport").Order(StringComparer.Ordinal));
    }

    private async Task<JsonNode> FileAs(string token, string unitId, string measureId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/progress-reports")
        {
            Content = JsonBody(new { unitId, measureId, period = "2021-M06", narrative = "已建立专班" }),
        };
        request.Headers.Authorization = Tokens.Bearer(token);
        return await Expect(Anonymous.SendAsync(request), HttpStatusCode.Created);
    }

    [Fact]
    public async Task TokenOlderThanTheFeedKeeps_Is410SayingToResync_AndAFreshTokenFollows()
    {
        var since = await CurrentToken();
        await RegisterUnit(Lianyungang, "市商务局");
        await using (var scope = Fixture.Factory.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<ChangeFeedRetention>().PurgeAsync(DateTimeOffset.UtcNow.AddYears(50)));
        }

        var gone = await ExpectProblem(Get($"/api/v1/changes?since={since}"), HttpStatusCode.Gone, "urn:policyapi:problem:sync-token-expired");
        Assert.Contains("resync", (string?)gone["detail"], StringComparison.Ordinal);

        var fresh = await CurrentToken();
        var unit = Id(await RegisterUnit(Lianyungang, "市发展改革委"));
        var (items, _) = await Follow(fresh);
        Assert.Equal([("unit", "created", unit)], items.Select(i => ((string)i["entity"]!, (string)i["action"]!, (string)i["id"]!)));
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("Y2hhbmdlcy4tMQ")] // "changes.-1"
    [InlineData("%00")]
    public async Task Since_NotIssuedByTheFeed_Is400NamingIt(string since) =>
        await ExpectProblem(Get($"/api/v1/changes?since={since}"), HttpStatusCode.BadRequest, "urn:policyapi:problem:validation-failed", "since");

    [Fact]
    public async Task Since_AheadOfTheFeed_Is410() =>
        await ExpectProblem(Get($"/api/v1/changes?since={Api.Features.Changes.SyncToken.Of(long.MaxValue)}"), HttpStatusCode.Gone, "urn:policyapi:problem:sync-token-expired");
}
