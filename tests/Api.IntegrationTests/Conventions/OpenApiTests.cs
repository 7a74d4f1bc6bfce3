using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PolicyApi.Api.IntegrationTests.Support;

namespace PolicyApi.Api.IntegrationTests.Conventions;

public sealed class OpenApiTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task SwaggerUi_IsServed()
    {
        using var response = await Client.GetAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("swagger-ui", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task EveryApiEndpoint_IsDocumentedWithASummaryItsResponsesAndProblemBodies()
    {
        var document = await Expect(Client.GetAsync("/swagger/v1/swagger.json"), HttpStatusCode.OK);
        var paths = document["paths"]!.AsObject();

        var mapped = Fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/v1", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => (Path: Normalize(e.RoutePattern.RawText!), Method: m.ToLowerInvariant())))
            .ToList();
        Assert.NotEmpty(mapped);

        foreach (var (path, method) in mapped)
        {
            var operation = paths[path]?[method];
            Assert.True(operation is not null, $"{method} {path} is not in the OpenAPI document");
            Assert.False(string.IsNullOrWhiteSpace((string?)operation!["summary"]), $"{method} {path} has no summary");
            var responses = operation["responses"]!.AsObject();
            Assert.True(responses.ContainsKey("400"), $"{method} {path} does not document 400");
            Assert.True(responses.ContainsKey("500"), $"{method} {path} does not document 500");
            Assert.True(responses["400"]!["content"]!.AsObject().ContainsKey("application/problem+json"), $"{method} {path}: 400 is not a problem body");
            if (method is "put" or "delete")
            {
                Assert.True(responses.ContainsKey("412") && responses.ContainsKey("428"), $"{method} {path} does not document 412/428");
                var ifMatch = operation["parameters"]!.AsArray().Single(p => (string?)p!["name"] == "If-Match");
                Assert.True((bool)ifMatch!["required"]!);
            }

            if (method is "post" or "put")
            {
                Assert.Contains(operation["parameters"]!.AsArray(), p => (string?)p!["name"] == "Idempotency-Key");
            }
        }
    }

    [Fact]
    public async Task Examples_AreTakenFromTheSeedDocumentsInChinese()
    {
        using var response = await Client.GetAsync("/swagger/v1/swagger.json");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Contains("连政发〔2020〕62号", text, StringComparison.Ordinal);
        Assert.Contains("市发展和改革委员会", text, StringComparison.Ordinal);
        Assert.Contains("拓宽利用外资领域", text, StringComparison.Ordinal);
    }

    private static string Normalize(string pattern) => "/" + pattern.Trim('/');

    [Fact]
    public async Task Enums_AreDocumentedAsTheStringsTheApiAccepts()
    {
        var document = await Expect(Client.GetAsync("/swagger/v1/swagger.json"), HttpStatusCode.OK);
        var schemas = document["components"]!["schemas"]!.AsObject();
        Assert.Equal(["lead", "cooperating", "responsible"], schemas["UnitRole"]!["enum"]!.AsArray().Select(v => (string)v!));
        Assert.Equal([">=", "<=", "="], schemas["Comparator"]!["enum"]!.AsArray().Select(v => (string)v!));
        Assert.Contains("districtGovernment", schemas["UnitKind"]!["enum"]!.AsArray().Select(v => (string)v!));
    }
}
