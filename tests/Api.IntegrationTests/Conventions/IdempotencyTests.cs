using System.Net;
using Microsoft.EntityFrameworkCore;
using System.Text.Json.Nodes;
using Npgsql;
using PolicyApi.Api.IntegrationTests.Support;
using PolicyApi.Infrastructure.Idempotency;

namespace PolicyApi.Api.IntegrationTests.Conventions;

public sealed class IdempotencyTests(ApiFixture fixture) : RegistryTest(fixture)
{
    [Fact]
    public async Task Retry_WithTheSameKeyAndBody_ReplaysTheFirstResponseAndCreatesOnce()
    {
        using var first = await Post("/api/v1/documents", LianyungangDocument(), idempotencyKey: "create-62");
        using var retry = await Post("/api/v1/documents", LianyungangDocument(), idempotencyKey: "create-62");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(first.Headers.ETag, retry.Headers.ETag);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await InDatabase(db => db.Documents.CountAsync()));
    }

    [Fact]
    public async Task Retry_WithTheSameKeyAndAnotherBody_Returns422AndCreatesNothingMore()
    {
        await Expect(Post("/api/v1/documents", LianyungangDocument(), idempotencyKey: "k-1"), HttpStatusCode.Created);

        await ExpectProblem(Post("/api/v1/documents", LianyungangDocument("连政发〔2020〕63号"), idempotencyKey: "k-1"), HttpStatusCode.UnprocessableEntity, "urn:policyapi:problem:idempotency-key-reused");

        Assert.Equal(1, await InDatabase(db => db.Documents.CountAsync()));
    }

    [Fact]
    public async Task Request_WhileTheFirstWithTheKeyIsInFlight_Returns409WithRetryAfter_ThenRunsOnceTheFirstIsGone()
    {
        var administrator = new PolicyApi.Api.Security.Caller("test-administrator", ["administrator"], null, null, []);
        await using var first = new NpgsqlConnection(Fixture.ConnectionString);
        await first.OpenAsync();
        await using (var transaction = await first.BeginTransactionAsync())
        {
            // The first request holds the key for as long as its transaction runs.
            await using var hold = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({IdempotencyStore.LockId(administrator.IdentityKey, "in-flight")})", first, transaction);
            await hold.ExecuteNonQueryAsync();

            using var response = await Post("/api/v1/documents", LianyungangDocument(), idempotencyKey: "in-flight");
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Equal("urn:policyapi:problem:idempotency-key-in-flight", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["type"]);
            Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
            Assert.Equal(0, await InDatabase(db => db.Documents.CountAsync()));
        }

        // The first request died without committing (its transaction rolled back): the retry runs.
        await Expect(Post("/api/v1/documents", LianyungangDocument(), idempotencyKey: "in-flight"), HttpStatusCode.Created);
        Assert.Equal(1, await InDatabase(db => db.Documents.CountAsync()));
    }

    [Fact]
    public async Task Create_WhenPostgreSqlDiesBeforeTheKeyIsStored_CommitsNothing_AndTheRetryCreatesExactlyOnce()
    {
        using (FaultInjection.KillSessionAt(sql => sql.Contains("INSERT INTO policy.idempotency_keys", StringComparison.Ordinal)))
        {
            using var crashed = await Post("/api/v1/units", new { region = Lianyungang, name = "市商务局", kind = "department" }, idempotencyKey: "crash-1");
            Assert.True((int)crashed.StatusCode >= 500, $"Expected a server error, got {(int)crashed.StatusCode}");
        }

        // The unit was written before the key, in the same transaction: it died with it.
        Assert.Equal(0, await InDatabase(db => db.Units.CountAsync()));

        using var retry = await Post("/api/v1/units", new { region = Lianyungang, name = "市商务局", kind = "department" }, idempotencyKey: "crash-1");
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        using var again = await Post("/api/v1/units", new { region = Lianyungang, name = "市商务局", kind = "department" }, idempotencyKey: "crash-1");
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await retry.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(1, await InDatabase(db => db.Units.CountAsync()));
    }

    [Fact]
    public async Task Create_WhenPostgreSqlDiesAtCommit_TheRetryReplaysOrCreates_NeverTwice()
    {
        using (FaultInjection.KillSessionAt(sql => sql.StartsWith("COMMIT", StringComparison.OrdinalIgnoreCase)))
        {
            using var crashed = await Post("/api/v1/documents", LianyungangDocument(), idempotencyKey: "crash-2");
        }

        using var retry = await Post("/api/v1/documents", LianyungangDocument(), idempotencyKey: "crash-2");
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(1, await InDatabase(db => db.Documents.CountAsync()));
    }

    [Fact]
    public async Task Key_UsedByAnotherCallerWithTheSameSubject_IsNeverReplayedToIt()
    {
        var unitA = Id(await RegisterUnit(Lianyungang, "连云区", kind: "districtGovernment"));
        var unitB = Id(await RegisterUnit(Lianyungang, "海州区", kind: "districtGovernment"));
        var document = Id(await CreateDocument());
        var measure = Id(await CreateMeasure(document, new { label = "（一）", title = "建立领导推动机制" }));
        await Assign(measure, unitA, "responsible");
        await Assign(measure, unitB, "responsible");

        // Two reporters whose tokens share a subject (as dev tokens once did) but not a unit.
        var reporterA = Tokens.For("reporter", Guid.Parse(unitA), subject: "reporter");
        var reporterB = Tokens.For("reporter", Guid.Parse(unitB), subject: "reporter");
        var bodyOfB = new { unitId = unitB, measureId = measure, period = "2021-M06", narrative = "海州区进展" };
        using var filedByB = await Anonymous.SendAsync(AsCaller(reporterB, bodyOfB, "shared-key"));
        Assert.Equal(HttpStatusCode.Created, filedByB.StatusCode);

        using var replayByA = await Anonymous.SendAsync(AsCaller(reporterA, bodyOfB, "shared-key"));
        Assert.Equal(HttpStatusCode.Forbidden, replayByA.StatusCode);
        Assert.False(replayByA.Headers.Contains("Idempotent-Replayed"));
        Assert.DoesNotContain("海州区进展", await replayByA.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A's own report under the same key is A's own request, not B's.
        using var filedByA = await Anonymous.SendAsync(AsCaller(reporterA, new { unitId = unitA, measureId = measure, period = "2021-M06", narrative = "连云区进展" }, "shared-key"));
        Assert.Equal(HttpStatusCode.Created, filedByA.StatusCode);
        Assert.False(filedByA.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, await InDatabase(db => db.ProgressReports.CountAsync()));
    }

    [Fact]
    public async Task Put_RetriedWithItsKey_ReplaysTheFirstAnswer_InsteadOf412()
    {
        var unit = await RegisterUnit(Lianyungang, "市商务局");
        var (_, etag) = await Read($"/api/v1/units/{Id(unit)}");
        var update = new { name = "市商务局", shortName = "商务局", aliases = new[] { "连云港市商务局" }, kind = "department" };

        using var first = await SendPut($"/api/v1/units/{Id(unit)}", update, etag, "rename-1");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var retry = await SendPut($"/api/v1/units/{Id(unit)}", update, etag, "rename-1");
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.Headers.ETag, retry.Headers.ETag);

        // Without the key the same stale If-Match is a 412 that names the current ETag.
        using var stale = await SendPut($"/api/v1/units/{Id(unit)}", update, etag, null);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var (_, current) = await Read($"/api/v1/units/{Id(unit)}");
        Assert.Equal(current, stale.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Submit_RetriedWithItsKey_ReplaysTheFirstAnswer_InsteadOfAConflict()
    {
        var unit = Id(await RegisterUnit(Lianyungang, "连云区", kind: "districtGovernment"));
        var document = Id(await CreateDocument());
        var measure = Id(await CreateMeasure(document, new { label = "（一）", title = "建立领导推动机制" }));
        await Assign(measure, unit, "responsible");
        var report = Id(await Expect(Post("/api/v1/progress-reports", new { unitId = unit, measureId = measure, period = "2021-M06", narrative = "已建立专班" }), HttpStatusCode.Created));

        using var first = await Post($"/api/v1/progress-reports/{report}/submit", new { }, idempotencyKey: "submit-1");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var retry = await Post($"/api/v1/progress-reports/{report}/submit", new { }, idempotencyKey: "submit-1");
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());

        await ExpectProblem(Post($"/api/v1/progress-reports/{report}/submit", new { }), HttpStatusCode.Conflict, "urn:policyapi:problem:report-already-submitted");
    }

    private static HttpRequestMessage AsCaller(string token, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/progress-reports") { Content = JsonBody(body) };
        request.Headers.Authorization = Tokens.Bearer(token);
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private Task<HttpResponseMessage> SendPut(string url, object body, string ifMatch, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonBody(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return Client.SendAsync(request);
    }

    [Fact]
    public async Task Key_AfterAFailedRequest_CanBeRetriedWithACorrectedBody()
    {
        await ExpectProblem(Post("/api/v1/documents", new { region = Lianyungang, kind = "measures" }, idempotencyKey: "k-2"), HttpStatusCode.BadRequest, "urn:policyapi:problem:validation-failed", "title");

        await Expect(Post("/api/v1/documents", LianyungangDocument(), idempotencyKey: "k-2"), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Key_OfInvalidForm_Returns400() =>
        await ExpectProblem(Post("/api/v1/documents", LianyungangDocument(), idempotencyKey: new string('k', 201)), HttpStatusCode.BadRequest, "urn:policyapi:problem:validation-failed", "Idempotency-Key");

    [Fact]
    public async Task TwoKeys_OnOneRequest_Are400NamingTheHeader_AndCreateNothing()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/documents") { Content = JsonBody(LianyungangDocument()) };
        request.Headers.Add("Idempotency-Key", ["k-a", "k-b"]);

        await ExpectProblem(Client.SendAsync(request), HttpStatusCode.BadRequest, "urn:policyapi:problem:validation-failed", "Idempotency-Key");
        Assert.Equal(0, await InDatabase(db => db.Documents.CountAsync()));
    }

    [Fact]
    public async Task Requests_WithoutAKey_AreNotDeduplicated()
    {
        await Expect(Post("/api/v1/units", new { region = Lianyungang, name = "市商务局", kind = "department" }), HttpStatusCode.Created);

        await ExpectProblem(Post("/api/v1/units", new { region = Lianyungang, name = "市商务局", kind = "department" }), HttpStatusCode.Conflict, "urn:policyapi:problem:unit-name-taken", "name");
    }
}
