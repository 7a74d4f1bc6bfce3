using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PolicyApi.Api.IntegrationTests.Support;

namespace PolicyApi.Api.IntegrationTests.Resilience;

/// <summary>
/// PostgreSQL crashes while the service runs: every request gets a complete 503 problem with Retry-After within two
/// seconds, readiness says so within one, nothing acknowledged is lost, retries with the same Idempotency-Key do not
/// duplicate, and the service recovers by itself when the database returns.
/// </summary>
public sealed class OutageTests(ApiFixture fixture) : RegistryTest(fixture)
{
    public override async Task DisposeAsync()
    {
        // Whatever happened, leave the cluster running for the tests after this one.
        if (LocalCluster.Available && !await Reachable())
        {
            await LocalCluster.StartAsync();
        }

        // Connections pooled before the crash are dead; the tests after this one start with fresh ones.
        Npgsql.NpgsqlConnection.ClearAllPools();
        await base.DisposeAsync();
    }

    [LocalClusterFact]
    public async Task WhileTheDatabaseIsDown_EveryRequestIs503WithRetryAfterWithinTwoSeconds_AndTheServiceRecoversByItself()
    {
        var unit = Id(await RegisterUnit(Lianyungang, "市商务局"));
        var document = Id(await CreateDocument());

        await LocalCluster.CrashAsync();
        var requests = new Func<Task<HttpResponseMessage>>[]
        {
            () => Get("/api/v1/documents"),
            () => Get($"/api/v1/documents/{document}"),
            () => Get($"/api/v1/units/{unit}"),
            () => Get($"/api/v1/supervision/overdue?asOf=2021-06-30"),
            () => Post("/api/v1/units", new { region = Lianyungang, name = "市财政局", kind = "department" }, idempotencyKey: "outage-unit"),
            () => Put($"/api/v1/units/{unit}", new { name = "市商务局", kind = "department" }, "*"),
            () => Anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/documents") { Headers = { Authorization = Tokens.Bearer(Tokens.For("reporter", Guid.Parse(unit))) } }),
        };
        foreach (var send in requests)
        {
            var clock = Stopwatch.StartNew();
            using var response = await send();
            clock.Stop();
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("urn:policyapi:problem:database-unavailable", (string?)JsonNode.Parse(text)!["type"]);
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"Answered after {clock.Elapsed.TotalSeconds:F1} s");
        }

        var probe = Stopwatch.StartNew();
        using (var ready = await Anonymous.GetAsync("/health/ready"))
        {
            probe.Stop();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.True(probe.Elapsed < TimeSpan.FromSeconds(1), $"Readiness answered after {probe.Elapsed.TotalSeconds:F1} s");
        }

        using (var live = await Anonymous.GetAsync("/health/live"))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        await LocalCluster.StartAsync();
        await EventuallyOk("/health/ready", Anonymous);
        await EventuallyOk("/api/v1/documents", Client);

        // The write the outage refused runs once on retry; the one acknowledged before is there.
        await Expect(Post("/api/v1/units", new { region = Lianyungang, name = "市财政局", kind = "department" }, idempotencyKey: "outage-unit"), HttpStatusCode.Created);
        await Expect(Post("/api/v1/units", new { region = Lianyungang, name = "市财政局", kind = "department" }, idempotencyKey: "outage-unit"), HttpStatusCode.Created);
        Assert.Equal(2, await InDatabase(db => db.Units.CountAsync()));
        Assert.Equal(1, await InDatabase(db => db.Documents.CountAsync()));
    }

    [LocalClusterFact]
    public async Task Writes_WhenTheDatabaseCrashesUnderLoad_LoseNothingAcknowledged_AndRetriesWithTheirKeysDoNotDuplicate()
    {
        const int Writes = 60;
        var acknowledged = new System.Collections.Concurrent.ConcurrentDictionary<int, string>();
        var oddities = new System.Collections.Concurrent.ConcurrentBag<string>();
        async Task<HttpStatusCode> Write(int i)
        {
            try
            {
                using var response = await Post("/api/v1/documents", new { title = $"压力测试文件{i:D3}", region = Lianyungang, kind = "measures", status = "active" }, idempotencyKey: $"load-{i}");
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    acknowledged[i] = (string)JsonNode.Parse(text)!["id"]!;
                }
                else if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    oddities.Add($"write {i}: {(int)response.StatusCode} {text}");
                }

                return response.StatusCode;
            }
            catch (HttpRequestException e)
            {
                oddities.Add($"write {i}: the response was cut off: {e.Message}");
                return 0;
            }
        }

        var load = Enumerable.Range(0, Writes).Select(async i =>
        {
            await Task.Delay(i * 15);
            return await Write(i);
        }).ToList();
        await Task.Delay(300);
        await LocalCluster.CrashAsync();
        var statuses = await Task.WhenAll(load);
        Assert.True(oddities.IsEmpty, string.Join('\n', oddities));
        Assert.Contains(HttpStatusCode.ServiceUnavailable, statuses);

        await LocalCluster.StartAsync();
        await EventuallyOk("/health/ready", Anonymous);
        for (var i = 0; i < Writes; i++)
        {
            for (var attempt = 0; !acknowledged.ContainsKey(i); attempt++)
            {
                Assert.True(attempt < 20, $"write {i} never succeeded");
                if (await Write(i) is not HttpStatusCode.Created)
                {
                    await Task.Delay(250);
                }
            }
        }

        var stored = await InDatabase(db => db.Documents.Select(d => new { d.Id, d.Title }).ToListAsync());
        Assert.Equal(Writes, stored.Count);
        Assert.Equal(Writes, stored.Select(d => d.Title).Distinct().Count());
        Assert.All(acknowledged.Values, id => Assert.Contains(stored, d => d.Id.ToString() == id));
    }

    private static async Task EventuallyOk(string url, HttpClient client)
    {
        for (var attempt = 0; attempt < 60; attempt++)
        {
            using var response = await client.GetAsync(url);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"{url} did not recover within 15 s of the database's return");
    }

    private async Task<bool> Reachable()
    {
        try
        {
            await using var connection = new Npgsql.NpgsqlConnection(Fixture.SuperuserConnectionString);
            await connection.OpenAsync();
            return true;
        }
        catch (Npgsql.NpgsqlException)
        {
            return false;
        }
    }
}
