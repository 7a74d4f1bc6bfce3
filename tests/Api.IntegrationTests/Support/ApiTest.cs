using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PolicyApi.Api.Http;
using PolicyApi.Infrastructure.Persistence;

namespace PolicyApi.Api.IntegrationTests.Support;

/// <summary>Base of every HTTP test: a clean database, a client on the real pipeline, and JSON helpers.</summary>
[Collection(ApiTestGroup.Name)]
public abstract class ApiTest(ApiFixture fixture) : IAsyncLifetime
{
    public static readonly JsonSerializerOptions Json = CreateJson();

    protected ApiFixture Fixture { get; } = fixture;

    protected HttpClient Client { get; } = fixture.Factory.CreateDefaultClient(new ActingIdentityHandler());

    /// <summary>A client that sends no token of its own choosing: set Authorization per request.</summary>
    protected HttpClient Anonymous { get; } = fixture.Factory.CreateClient();

    public virtual Task InitializeAsync() => Fixture.ResetAsync();

    public virtual Task DisposeAsync()
    {
        Client.Dispose();
        Anonymous.Dispose();
        return Task.CompletedTask;
    }

    protected static StringContent JsonBody(object body) =>
        new(JsonSerializer.Serialize(body, Json), Encoding.UTF8, "application/json");

    protected static StringContent RawJson(string json) => new(json, Encoding.UTF8, "application/json");

    protected Task<HttpResponseMessage> Post(string url, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body as HttpContent ?? JsonBody(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return Client.SendAsync(request);
    }

    protected Task<HttpResponseMessage> Put(string url, object body, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = body as HttpContent ?? JsonBody(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return Client.SendAsync(request);
    }

    protected Task<HttpResponseMessage> Delete(string url, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, url);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return Client.SendAsync(request);
    }

    protected Task<HttpResponseMessage> Get(string url, string? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return Client.SendAsync(request);
    }

    /// <summary>Sends, asserts the status, and returns the JSON body.</summary>
    protected static async Task<JsonNode> Expect(Task<HttpResponseMessage> send, HttpStatusCode status)
    {
        using var response = await send;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} but got {(int)response.StatusCode}: {text}");
        return string.IsNullOrEmpty(text) ? new JsonObject() : JsonNode.Parse(text)!;
    }

    /// <summary>Asserts an RFC 9457 problem response with the given status and type, and (when given) the offending field.</summary>
    protected static async Task<JsonNode> ExpectProblem(Task<HttpResponseMessage> send, HttpStatusCode status, string type, string? field = null)
    {
        using var response = await send;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} but got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.Equal(type, (string?)problem["type"]);
        Assert.Equal((int)status, (int?)problem["status"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["title"]));
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]));
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["traceId"]));
        Assert.StartsWith("/", (string?)problem["instance"]);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        if (field is not null)
        {
            var errors = problem["errors"]?.AsObject();
            Assert.True(errors is not null && errors.ContainsKey(field), $"Expected an error for '{field}' in {text}");
        }

        return problem;
    }

    protected static string ETag(HttpResponseMessage response) =>
        response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("The response has no ETag.");

    /// <summary>GETs a resource and returns its body and ETag.</summary>
    protected async Task<(JsonNode Body, string ETag)> Read(string url)
    {
        using var response = await Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (JsonNode.Parse(await response.Content.ReadAsStringAsync())!, ETag(response));
    }

    /// <summary>Runs a query against the database directly, to check what was (not) stored.</summary>
    protected async Task<T> InDatabase<T>(Func<PolicyDbContext, Task<T>> query)
    {
        await using var scope = Fixture.Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PolicyDbContext>());
    }

    protected static MediaTypeWithQualityHeaderValue Accept(string mediaType) => new(mediaType);

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiJson.Configure(options);
        return options;
    }
}
