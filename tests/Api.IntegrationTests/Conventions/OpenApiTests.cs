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

            // Creating a webhook answers its secret once: a stored answer to replay would keep the secret in the database.
            // A webhook's creation answers its secret once (a replay would keep it); an upload's multipart body has a
            // random boundary, so a retry's bytes never match the first: neither takes Idempotency-Key.
            if (method is "post" or "put" && (string?)operation["operationId"] is not ("CreateWebhook" or "AttachEvidence"))
            {
                Assert.Contains(operation["parameters"]!.AsArray(), p => (string?)p!["name"] == "Idempotency-Key");
            }
        }
    }

    /// <summary>scripts/test.sh sets POLICYAPI_OPENAPI_FILE; scripts/lint-openapi.sh then lints that file with Spectral.</summary>
    [Fact]
    public async Task Document_IsOpenApi3_AndIsWrittenWhereTheLinterReadsIt()
    {
        using var response = await Client.GetAsync("/swagger/v1/swagger.json");
        var text = await response.Content.ReadAsStringAsync();
        var document = JsonNode.Parse(text)!;

        Assert.StartsWith("3.", (string?)document["openapi"], StringComparison.Ordinal);
        Assert.NotEmpty(document["paths"]!.AsObject());
        if (Environment.GetEnvironmentVariable("POLICYAPI_OPENAPI_FILE") is { Length: > 0 } file)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            await File.WriteAllTextAsync(file, text);
        }
    }

    [Fact]
    public async Task EveryParameter_IsDescribedAndHasASchema()
    {
        var document = await Expect(Client.GetAsync("/swagger/v1/swagger.json"), HttpStatusCode.OK);

        var undescribed = Operations(document)
            .SelectMany(o => Parameters(o.Operation).Select(p => (o.Method, o.Path, Parameter: p)))
            .Where(x => string.IsNullOrWhiteSpace((string?)x.Parameter["description"]) || x.Parameter["schema"] is null)
            .Select(x => $"{x.Method} {x.Path} {(string?)x.Parameter["in"]} {(string?)x.Parameter["name"]}")
            .ToList();

        Assert.True(undescribed.Count == 0, "Parameters without a description or schema:\n" + string.Join("\n", undescribed));
        Assert.Contains(Operations(document), o => Parameters(o.Operation).Any(p => (string?)p["name"] == "If-None-Match"));
    }

    [Fact]
    public async Task QueryParameters_AreDocumentedInCamelCase()
    {
        var document = await Expect(Client.GetAsync("/swagger/v1/swagger.json"), HttpStatusCode.OK);

        var names = Operations(document).SelectMany(o => Parameters(o.Operation)).Where(p => (string?)p["in"] == "query").Select(p => (string)p["name"]!).Distinct().ToList();

        Assert.Contains("asOf", names);
        Assert.Contains("unitId", names);
        Assert.Contains("limit", names);
        Assert.All(names, name => Assert.Matches("^[a-z][A-Za-z0-9]*$", name));
    }

    [Fact]
    public async Task TypedQueryParameters_AreBoundUnderTheirDocumentedNames()
    {
        var document = await Expect(Client.GetAsync("/swagger/v1/swagger.json"), HttpStatusCode.OK);
        var checkedNames = new List<string>();

        // An integer, UUID or instant the server cannot read is refused at binding, naming the parameter: so a name the
        // server did not bind would be ignored (200) and fail here.
        foreach (var (method, path, operation) in Operations(document).Where(o => o.Method == "get" && !o.Path.Contains('{', StringComparison.Ordinal)))
        {
            foreach (var parameter in Parameters(operation).Where(p => (string?)p["in"] == "query"))
            {
                var (name, type, format) = ((string)parameter["name"]!, (string?)parameter["schema"]?["type"], (string?)parameter["schema"]?["format"]);
                if (type == "integer" || format is "uuid" or "date-time")
                {
                    await ExpectProblem(Client.GetAsync($"{path}?{name}=not-a-value"), HttpStatusCode.BadRequest, "urn:policyapi:problem:validation-failed", name);
                    checkedNames.Add($"{path}?{name}");
                }
            }
        }

        Assert.Contains("/api/v1/supervision/due?unitId", checkedNames);
        Assert.Contains("/api/v1/audit?from", checkedNames);
        Assert.True(checkedNames.Count > 20, string.Join(", ", checkedNames));
    }

    [Fact]
    public async Task EverySchema_HasAnExample()
    {
        var document = await Expect(Client.GetAsync("/swagger/v1/swagger.json"), HttpStatusCode.OK);
        var schemas = document["components"]!["schemas"]!.AsObject();

        var missing = schemas.Where(s => s.Value!["example"] is null && s.Value["examples"] is not JsonArray { Count: > 0 }).Select(s => s.Key).ToList();

        Assert.True(schemas.Count > 90, $"only {schemas.Count} schemas");
        Assert.True(missing.Count == 0, "Schemas without an example: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task ReadsAReplicaMayAnswer_DocumentReplicaLag_AndOnlyThose()
    {
        var document = await Expect(Client.GetAsync("/swagger/v1/swagger.json"), HttpStatusCode.OK);
        var reads = document["paths"]!.AsObject()
            .Where(p => p.Value!["get"] is not null)
            .ToDictionary(p => (string)p.Value!["get"]!["operationId"]!, p => p.Value!["get"]!["responses"]!["200"]?["headers"]?["Replica-Lag"] is not null);

        // Every read the replica serves is an operation of the document, and says so; a read of one resource does not.
        Assert.All(PolicyApi.Api.Application.ReplicaReads.Operations, operation => Assert.True(reads[operation], operation));
        Assert.Equal(PolicyApi.Api.Application.ReplicaReads.Operations.Order(StringComparer.Ordinal), reads.Where(r => r.Value).Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.False(reads["GetMeasure"]);
        Assert.True(reads["ListMeasures"]);
    }

    [Theory]
    [InlineData("/api/v1/bulletins", "BulletinResponse", "目标完成情况 Targets")]
    [InlineData("/api/v1/documents/{documentId}/task-table", "TaskTableResponse", "任务分解表 Tasks")]
    public async Task Tables_DeclareJsonCsvAndXlsx_EachWithASchema(string path, string schema, string firstTable)
    {
        var document = await Expect(Client.GetAsync("/swagger/v1/swagger.json"), HttpStatusCode.OK);

        var content = document["paths"]![path]!["get"]!["responses"]!["200"]!["content"]!.AsObject();

        Assert.Equal(["application/json", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv"], content.Select(c => c.Key).Order(StringComparer.Ordinal));
        Assert.Equal($"#/components/schemas/{schema}", (string?)content["application/json"]!["schema"]!["$ref"]);
        Assert.Equal("string", (string?)content["text/csv"]!["schema"]!["type"]);
        Assert.StartsWith(firstTable + "\r\n", (string?)content["text/csv"]!["example"], StringComparison.Ordinal);
        var xlsx = content["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]!["schema"]!;
        Assert.Equal(("string", "binary"), ((string?)xlsx["type"], (string?)xlsx["format"]));
    }

    [Fact]
    public async Task Examples_AreTakenFromTheSeedDocumentsInChinese()
    {
        using var response = await Client.GetAsync("/swagger/v1/swagger.json");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Contains("连政发〔2020〕62号", text, StringComparison.Ordinal);
        Assert.Contains("市发展和改革委员会", text, StringComparison.Ordinal);
        Assert.Contains("拓宽利用外资领域", text, StringComparison.Ordinal);
        Assert.Contains("2021年防城港市扩大利用外资规模工作方案", text, StringComparison.Ordinal);
        Assert.Contains("\"value\": 7000", text, StringComparison.Ordinal);
        Assert.Contains("同比增长20%以上", text, StringComparison.Ordinal);
        Assert.Contains("市商务局", text, StringComparison.Ordinal);
    }

    private static IEnumerable<(string Method, string Path, JsonNode Operation)> Operations(JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(o => o.Key is "get" or "put" or "post" or "delete" or "patch")
            .Select(o => (o.Key, path.Key, o.Value!)));

    private static IEnumerable<JsonNode> Parameters(JsonNode operation) => operation["parameters"]?.AsArray().Select(p => p!) ?? [];

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
