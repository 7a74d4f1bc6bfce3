using System.Net;
using PolicyApi.Api.IntegrationTests.Support;
using PolicyApi.Api.Security;

namespace PolicyApi.Api.IntegrationTests.Security;

/// <summary>
/// Two replicas of the service on one database: a client's per-minute limit holds for the deployment, not per replica
/// (with the per-process limiter, the same requests all pass), and the next minute starts afresh.
/// </summary>
public sealed class SharedRateLimitTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task ClientSpreadOverTwoReplicas_GetsItsLimitOnce_NotOncePerReplica()
    {
        Fixture.Clock.Now = new DateTimeOffset(2026, 12, 2, 9, 30, 5, TimeSpan.Zero);
        await using var first = Fixture.Factory.WithWebHostBuilder(b => b.UseSetting("Limits:PermitsPerMinute", "5"));
        await using var second = Fixture.Factory.WithWebHostBuilder(b => b.UseSetting("Limits:PermitsPerMinute", "5"));
        using var a = first.CreateClient();
        using var b = second.CreateClient();
        var token = Tokens.Bearer(Tokens.For(Roles.Reader, subject: "spread-client"));

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests],
            [await List(a, token), await List(b, token), await List(a, token), await List(b, token), await List(a, token), await List(b, token), await List(a, token)]);

        using (var refused = await Send(b, token))
        {
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(55), refused.Headers.RetryAfter?.Delta);
        }

        // Another client is not touched; the next minute the client is served again, on either replica.
        Assert.Equal(HttpStatusCode.OK, await List(b, Tokens.Bearer(Tokens.For(Roles.Reader, subject: "quiet-client"))));
        Fixture.Clock.Now = Fixture.Clock.Now.Value.AddMinutes(1);
        Assert.Equal(HttpStatusCode.OK, await List(b, token));
        Assert.Equal(HttpStatusCode.OK, await List(a, token));
    }

    [Fact]
    public async Task PerProcessLimiter_LetsEachReplicaGrantTheWholeLimit()
    {
        Fixture.Clock.Now = new DateTimeOffset(2026, 12, 2, 9, 30, 5, TimeSpan.Zero);
        await using var first = Fixture.Factory.WithWebHostBuilder(b => b.UseSetting("Limits:PermitsPerMinute", "3").UseSetting("Limits:SharedAcrossReplicas", "false"));
        await using var second = Fixture.Factory.WithWebHostBuilder(b => b.UseSetting("Limits:PermitsPerMinute", "3").UseSetting("Limits:SharedAcrossReplicas", "false"));
        using var a = first.CreateClient();
        using var b = second.CreateClient();
        var token = Tokens.Bearer(Tokens.For(Roles.Reader, subject: "local-client"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add(await List(a, token));
            statuses.Add(await List(b, token));
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, await List(a, token));
    }

    private static async Task<HttpStatusCode> List(HttpClient client, System.Net.Http.Headers.AuthenticationHeaderValue token)
    {
        using var response = await Send(client, token);
        return response.StatusCode;
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, System.Net.Http.Headers.AuthenticationHeaderValue token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/documents");
        request.Headers.Authorization = token;
        return client.SendAsync(request);
    }
}
