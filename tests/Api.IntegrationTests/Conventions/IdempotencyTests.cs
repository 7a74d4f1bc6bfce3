using System.Net;
using Microsoft.EntityFrameworkCore;
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
    public async Task Request_WhileTheFirstWithTheKeyIsInFlight_Returns409()
    {
        var body = System.Text.Json.JsonSerializer.Serialize(LianyungangDocument(), Json);
        await InDatabase(async db =>
        {
            // The first request has claimed the key and not finished: its fingerprint is stored, no response yet.
            var store = new IdempotencyStore(db, TimeProvider.System);
            return await store.ClaimAsync("user:test-administrator", "in-flight", await Fingerprint(body), default);
        });

        await ExpectProblem(Post("/api/v1/documents", RawJson(body), idempotencyKey: "in-flight"), HttpStatusCode.Conflict, "urn:policyapi:problem:idempotency-key-in-flight");

        Assert.Equal(0, await InDatabase(db => db.Documents.CountAsync()));
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
    public async Task Requests_WithoutAKey_AreNotDeduplicated()
    {
        await Expect(Post("/api/v1/units", new { region = Lianyungang, name = "市商务局", kind = "department" }), HttpStatusCode.Created);

        await ExpectProblem(Post("/api/v1/units", new { region = Lianyungang, name = "市商务局", kind = "department" }), HttpStatusCode.Conflict, "urn:policyapi:problem:unit-name-taken", "name");
    }

    private static Task<string> Fingerprint(string body)
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes("POST /api/v1/documents\n"));
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes(body));
        return Task.FromResult(Convert.ToHexStringLower(sha.GetHashAndReset()));
    }
}
