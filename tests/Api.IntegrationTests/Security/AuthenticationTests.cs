using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PolicyApi.Api.IntegrationTests.Support;
using PolicyApi.Api.Security;

namespace PolicyApi.Api.IntegrationTests.Security;

/// <summary>Tokens that must be refused: each gets 401 with WWW-Authenticate, changes nothing, and is audited.</summary>
public sealed class AuthenticationTests(ApiFixture fixture) : RegistryTest(fixture)
{
    private static string Base64Url(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static TheoryData<string, string> RefusedTokens()
    {
        var now = DateTimeOffset.UtcNow;
        var payload = $$"""{"sub":"intruder","role":"administrator","iss":"{{Tokens.Issuer}}","aud":"{{Tokens.Audience}}","exp":{{now.AddHours(1).ToUnixTimeSeconds()}}}""";
        var otherKey = new AuthOptions { SigningKey = Convert.ToBase64String(Encoding.UTF8.GetBytes("another-key-another-key-another-key!!")), Issuer = Tokens.Issuer, Audience = Tokens.Audience };
        return new TheoryData<string, string>
        {
            { "missing", string.Empty },
            { "expired", Tokens.For(Roles.Administrator, now: now.AddHours(-9)) },
            { "signed with another key", Authentication.MintDevelopmentToken(otherKey, Roles.Administrator, null, null, null, now) },
            { "alg none", $"{Base64Url("""{"alg":"none","typ":"JWT"}""")}.{Base64Url(payload)}." },
            { "wrong audience", Authentication.MintDevelopmentToken(new AuthOptions { SigningKey = Tokens.SigningKey, Issuer = Tokens.Issuer, Audience = "another-api" }, Roles.Administrator, null, null, null, now) },
            { "wrong issuer", Authentication.MintDevelopmentToken(new AuthOptions { SigningKey = Tokens.SigningKey, Issuer = "someone-else", Audience = Tokens.Audience }, Roles.Administrator, null, null, null, now) },
            { "garbage", "not.a.token" },
        };
    }

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task Write_WithARefusedToken_Is401WithWwwAuthenticate_ChangesNothing_AndIsAudited(string why, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/documents") { Content = JsonBody(LianyungangDocument()) };
        if (token.Length > 0)
        {
            request.Headers.Authorization = Tokens.Bearer(token);
        }

        var problem = await ExpectProblem(Anonymous.SendAsync(request), HttpStatusCode.Unauthorized, "urn:policyapi:problem:unauthorized");
        Assert.False(string.IsNullOrEmpty((string?)problem["detail"]), why);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/documents");
        if (token.Length > 0)
        {
            again.Headers.Authorization = Tokens.Bearer(token);
        }

        using var response = await Anonymous.SendAsync(again);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.StartsWith("Bearer", challenge, StringComparison.Ordinal);
        if (token.Length > 0)
        {
            Assert.Contains("invalid_token", challenge, StringComparison.Ordinal);
        }

        Assert.Equal(0, await InDatabase(db => db.Documents.CountAsync()));
        var refusals = await InDatabase(db => db.AuditEntries.Where(e => e.Outcome == "refused" && e.Status == 401).ToListAsync());
        Assert.Contains(refusals, e => e.Method == "POST" && e.Path == "/api/v1/documents" && e.Subject == "anonymous");
    }

    [Fact]
    public async Task Token_ExpiredWithinTheAllowedClockSkew_IsStillAccepted()
    {
        // Lifetime 8 h: issued 8 h 30 s ago, it expired 30 s ago, inside the 60 s skew.
        var token = Tokens.For(Roles.Reader, now: DateTimeOffset.UtcNow.AddHours(-8).AddSeconds(-30));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/documents");
        request.Headers.Authorization = Tokens.Bearer(token);
        using var response = await Anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ReporterToken_OfAUnitDeletedThroughAnotherReplica_IsRefusedHereWithinSeconds_NotAfterTheCachesFiveMinutes()
    {
        await using var here = Fixture.Factory.WithWebHostBuilder(_ => { });
        await using var there = Fixture.Factory.WithWebHostBuilder(_ => { });
        using var client = here.CreateClient();
        using var elsewhere = there.CreateClient();

        // Listening before the token is remembered: its first connection forgets every token, which would refuse it anyway.
        var listener = here.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<UnitRemovalListener>().Single();
        await listener.Listening.WaitAsync(TimeSpan.FromSeconds(30));
        elsewhere.DefaultRequestHeaders.Authorization = Tokens.Bearer(Tokens.For(Roles.Administrator));
        var unit = await RegisterUnit("防城港市", "临时专班");
        var token = Tokens.For(Roles.Reporter, Guid.Parse(Id(unit)));
        async Task<HttpStatusCode> ReadDocumentsHere()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/documents");
            request.Headers.Authorization = Tokens.Bearer(token);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await ReadDocumentsHere()); // validated here, and remembered
        Assert.Equal(HttpStatusCode.OK, await ReadDocumentsHere());

        var (_, etag) = await Read($"/api/v1/units/{Id(unit)}");
        using (var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/units/{Id(unit)}"))
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
            using var deleted = await elsewhere.SendAsync(request);
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        // The removal is announced by PostgreSQL at its commit; this replica forgets the unit's tokens when it hears it.
        var refusedAt = DateTime.UtcNow.AddSeconds(10);
        var status = await ReadDocumentsHere();
        while (status == HttpStatusCode.OK && DateTime.UtcNow < refusedAt)
        {
            await Task.Delay(100);
            status = await ReadDocumentsHere();
        }

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task RemovalListener_OnASessionThatDoesNotHearTheServicesNotifications_NeverClaimsToListen()
    {
        // Another database: its LISTEN succeeds, but the notifications the service's connection sends never arrive there
        // (as behind a pooler in transaction mode). The listener must find that out by its probe, not trust the LISTEN.
        var elsewhere = new Npgsql.NpgsqlConnectionStringBuilder(Fixture.ConnectionString) { Database = "postgres" }.ConnectionString;
        await using var deaf = Fixture.Factory.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:PolicyListen", elsewhere));
        using var client = deaf.CreateClient();
        var listener = deaf.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<UnitRemovalListener>().Single();

        await Task.Delay(UnitRemovalListener.ProbeTimeout + TimeSpan.FromSeconds(3));

        Assert.False(listener.Listening.IsCompleted);
    }

    [Fact]
    public async Task ReporterToken_OfAUnitJustDeleted_Is401NamingUnitId_ThoughItWasAcceptedAMomentBefore()
    {
        var unit = await RegisterUnit("防城港市", "临时专班");
        var token = Tokens.For(Roles.Reporter, Guid.Parse(Id(unit)));
        async Task<HttpResponseMessage> ReadDocuments()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/documents");
            request.Headers.Authorization = Tokens.Bearer(token);
            return await Anonymous.SendAsync(request);
        }

        using (var before = await ReadDocuments())
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode); // validated, and remembered for the next requests
        }

        var (_, etag) = await Read($"/api/v1/units/{Id(unit)}");
        using (var deleted = await Delete($"/api/v1/units/{Id(unit)}", etag))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        var problem = await ExpectProblem(ReadDocuments(), HttpStatusCode.Unauthorized, "urn:policyapi:problem:unauthorized");
        Assert.Equal("unit_id", (string?)problem["claim"]);
    }

    [Fact]
    public async Task Reader_TryingAWrite_Is403AsAProblem_AndIsAudited()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/units") { Content = JsonBody(new { region = Lianyungang, name = "市商务局", kind = "department" }) };
        request.Headers.Authorization = Tokens.Bearer(Tokens.For(Roles.Reader, subject: "reader-1"));
        await ExpectProblem(Anonymous.SendAsync(request), HttpStatusCode.Forbidden, "urn:policyapi:problem:forbidden");
        Assert.Equal(0, await InDatabase(db => db.Units.CountAsync()));
        var entry = await InDatabase(db => db.AuditEntries.SingleAsync(e => e.Outcome == "refused"));
        Assert.Equal(("reader-1", "reader", 403, "/api/v1/units"), (entry.Subject, entry.Role, entry.Status, entry.Path));
    }
}
