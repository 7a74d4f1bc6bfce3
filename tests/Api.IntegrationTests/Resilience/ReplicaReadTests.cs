using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using PolicyApi.Api.IntegrationTests.Support;

namespace PolicyApi.Api.IntegrationTests.Resilience;

/// <summary>
/// With ConnectionStrings:PolicyReadOnly pointing at a real streaming standby of the test cluster: lists are answered
/// there (a standby held back does not show a new write yet, and says how far behind it is), writes, reads of one
/// resource and Cache-Control: no-cache reads go to the primary, the standby refuses writes, and a standby that is
/// gone is not an outage.
/// </summary>
public sealed class ReplicaReadTests(ApiFixture fixture) : RegistryTest(fixture)
{
    [LocalClusterFact]
    public async Task Lists_AreAnsweredByTheStandby_WritesAndOneResourceByThePrimary_AndTheStandbyRefusesWrites()
    {
        var before = Id(await CreateDocument());
        var port = Loopback.FreePort();
        var directory = Path.Combine(Path.GetTempPath(), $"policyapi-standby-{Guid.NewGuid():N}");
        await LocalCluster.StartStandbyAsync(directory, port);
        try
        {
            var standby = new NpgsqlConnectionStringBuilder(Fixture.ConnectionString) { Port = port }.ConnectionString;
            var standbyAdmin = new NpgsqlConnectionStringBuilder(Fixture.SuperuserConnectionString) { Port = port }.ConnectionString;
            await using var host = Fixture.Factory.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:PolicyReadOnly", standby));
            using var client = host.CreateDefaultClient(new ActingIdentityHandler());

            using (var fresh = await client.GetAsync("/api/v1/documents"))
            {
                Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
                Assert.Contains(before, Ids(await fresh.Content.ReadAsStringAsync()));
                Assert.True(fresh.Headers.Contains("Replica-Lag"), "a replica answer says how stale it may be");
            }

            // Hold the standby back: what the primary commits now, the standby does not show yet.
            await Sql(standbyAdmin, "SELECT pg_wal_replay_pause()");
            using var created = await client.PostAsync("/api/v1/documents", JsonBody(LianyungangDocument("连政发〔2021〕1号")));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var after = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;

            using (var stale = await client.GetAsync("/api/v1/documents"))
            {
                Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
                var ids = Ids(await stale.Content.ReadAsStringAsync());
                Assert.Contains(before, ids);
                Assert.DoesNotContain(after, ids);
                var lag = double.Parse(stale.Headers.GetValues("Replica-Lag").Single(), System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(lag > 0, $"Replica-Lag {lag} while the standby is held back");
            }

            var primary = new HttpRequestMessage(HttpMethod.Get, "/api/v1/documents") { Headers = { { "Cache-Control", "no-cache" } } };
            using (var own = await client.SendAsync(primary))
            {
                Assert.Contains(after, Ids(await own.Content.ReadAsStringAsync()));
                Assert.False(own.Headers.Contains("Replica-Lag"));
            }

            using (var one = await client.GetAsync($"/api/v1/documents/{after}"))
            {
                Assert.Equal(HttpStatusCode.OK, one.StatusCode);
            }

            // The standby itself refuses writes, whoever asks.
            var refused = await Assert.ThrowsAsync<PostgresException>(() => Sql(standby, "UPDATE policy.documents SET title = title"));
            Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, refused.SqlState);

            await Sql(standbyAdmin, "SELECT pg_wal_replay_resume()");
            await Eventually(async () => Ids(await client.GetStringAsync("/api/v1/documents")).Contains(after));

            // A standby that is gone: the list is answered from the primary, not refused.
            await LocalCluster.DestroyAsync(directory, port);
            using var fallback = await client.GetAsync("/api/v1/documents");
            Assert.Equal(HttpStatusCode.OK, fallback.StatusCode);
            Assert.Contains(after, Ids(await fallback.Content.ReadAsStringAsync()));
            Assert.False(fallback.Headers.Contains("Replica-Lag"));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await LocalCluster.DestroyAsync(directory, port);
        }
    }

    private static List<string> Ids(string page) =>
        [.. JsonNode.Parse(page)!["items"]!.AsArray().Select(d => (string)d!["id"]!)];

    private static async Task Sql(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("The standby did not catch up within 10 s.");
    }

}
