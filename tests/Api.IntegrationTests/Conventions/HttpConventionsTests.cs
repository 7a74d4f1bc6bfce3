using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using PolicyApi.Api.IntegrationTests.Support;

namespace PolicyApi.Api.IntegrationTests.Conventions;

public sealed class HttpConventionsTests(ApiFixture fixture) : RegistryTest(fixture)
{
    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    public async Task Responses_AreCompressedWhenTheClientAcceptsIt(string encoding)
    {
        for (var n = 1; n <= 10; n++)
        {
            await CreateDocument(LianyungangDocument($"连政发〔2020〕{n}号"));
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/documents");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        using var response = await Client.SendAsync(request);

        Assert.Equal(encoding, response.Content.Headers.ContentEncoding.Single());
        await using var compressed = await response.Content.ReadAsStreamAsync();
        await using Stream decompressed = encoding == "gzip" ? new GZipStream(compressed, CompressionMode.Decompress) : new BrotliStream(compressed, CompressionMode.Decompress);
        using var reader = new StreamReader(decompressed, Encoding.UTF8);
        var page = JsonNode.Parse(await reader.ReadToEndAsync())!;
        Assert.Equal(10, page["items"]!.AsArray().Count);
        Assert.Equal("市政府关于印发连云港市稳外资促发展若干措施的通知", (string?)page["items"]![0]!["title"]);
    }

    [Fact]
    public async Task Brotli_OfALargeList_IsNoLargerThanGzip()
    {
        // The Lianyungang ETDZ plan (15 tasks, a 63-row task table) and the Lianyungang measures (26), each measure with its units.
        await ImportSeed("lianyungang-etdz-2021-plan", "连云港经济技术开发区");
        await ImportSeed("lianyungang-2020-measures", Lianyungang);

        var (gzip, gzipJson) = await Compressed("gzip");
        var (brotli, brotliJson) = await Compressed("br");

        Assert.Equal(100, JsonNode.Parse(gzipJson)!["items"]!.AsArray().Count);
        Assert.Equal(gzipJson, brotliJson);
        Assert.True(gzip < Encoding.UTF8.GetByteCount(gzipJson) / 2, $"gzip: {gzip} bytes of {Encoding.UTF8.GetByteCount(gzipJson)}");
        Assert.True(brotli <= gzip, $"brotli {brotli} bytes > gzip {gzip} bytes for {Encoding.UTF8.GetByteCount(gzipJson)} bytes of JSON");
    }

    private async Task ImportSeed(string seed, string region)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Seeds", seed + ".txt"), Encoding.UTF8);
        var draft = await Expect(Post("/api/v1/imports", new { text, region }), HttpStatusCode.Created);
        await Expect(Post($"/api/v1/imports/{(string)draft["id"]!}/commit", new { createMissingUnits = true }), HttpStatusCode.Created);
    }

    private async Task<(long Bytes, string Json)> Compressed(string encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/measures?limit=100");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(encoding, response.Content.Headers.ContentEncoding.Single());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        await using Stream decompressed = encoding == "gzip"
            ? new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress)
            : new BrotliStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var reader = new StreamReader(decompressed, Encoding.UTF8);
        return (bytes.Length, await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task Responses_CarryChineseAsUtf8CharactersNotEscapes()
    {
        await CreateDocument();

        using var response = await Client.GetAsync("/api/v1/documents");
        var raw = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Contains("连政发〔2020〕62号", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WithANonJsonMediaType_Returns415()
    {
        using var content = new StringContent("title=连云港市稳外资促发展若干措施", Encoding.UTF8, "application/x-www-form-urlencoded");

        await ExpectProblem(Client.PostAsync("/api/v1/documents", content), HttpStatusCode.UnsupportedMediaType, "urn:policyapi:problem:unsupported-media-type");
    }

    [Fact]
    public async Task Post_WithoutABody_Returns400()
    {
        using var content = new StringContent(string.Empty, Encoding.UTF8, "application/json");

        await ExpectProblem(Client.PostAsync("/api/v1/documents", content), HttpStatusCode.BadRequest, "urn:policyapi:problem:malformed-request");
    }

    [Fact]
    public async Task Post_WithADuplicatedProperty_Returns400()
    {
        var json = "{\"title\":\"连云港市稳外资促发展若干措施\",\"title\":\"另一个标题\",\"region\":\"连云港市\",\"kind\":\"measures\"}";

        await ExpectProblem(Post("/api/v1/documents", RawJson(json)), HttpStatusCode.BadRequest, "urn:policyapi:problem:validation-failed", "title");
    }

    [Theory]
    [InlineData("\"title\":\"连云港市稳外资促发展若干措施\",\"title\":\"另一个标题\"", "title", "The property is given more than once.")]
    [InlineData("\"title\":7", "title", "The value is not a string.")]
    [InlineData("\"issuedOn\":\"2020-13-01\"", "issuedOn", "The value is not a date in the form YYYY-MM-DD.")]
    [InlineData("\"issuedOn\":20200101", "issuedOn", "The value is not a valid date in the form YYYY-MM-DD.")]
    [InlineData("\"period\":\"2021\"", "period", "The value is not an object, or the property is given more than once.")]
    [InlineData("\"period\":{\"from\":true}", "period.from", "The value is not a valid date in the form YYYY-MM-DD.")]
    [InlineData("\"basisDocuments\":[\"a\",3]", "basisDocuments[1]", "The value is not a string.")]
    [InlineData("\"basisDocuments\":\"a\"", "basisDocuments", "The value is not an array.")]
    [InlineData("\"reportingCadence\":{\"graceDays\":\"x\"}", "reportingCadence.graceDays", "The value is not a whole number.")]
    public async Task Post_WithAValueOfTheWrongKind_Is400SayingWhatTheFieldTakes(string member, string field, string message)
    {
        var json = $"{{\"region\":\"连云港市\",\"kind\":\"measures\",{member}}}";

        var problem = await ExpectProblem(Post("/api/v1/documents", RawJson(json)), HttpStatusCode.BadRequest, "urn:policyapi:problem:validation-failed", field);

        Assert.Equal(message, (string?)problem["errors"]![field]![0]);
    }

    [Fact]
    public async Task UnknownRoute_Returns404Problem() =>
        await ExpectProblem(Get("/api/v1/policies"), HttpStatusCode.NotFound, "urn:policyapi:problem:not-found");

    [Fact]
    public async Task UnsupportedMethod_Returns405Problem() =>
        await ExpectProblem(Client.PatchAsync($"/api/v1/documents/{Guid.NewGuid()}", RawJson("{}")), HttpStatusCode.MethodNotAllowed, "urn:policyapi:problem:method-not-allowed");

    [Fact]
    public async Task Head_OfAResource_AnswersAsItsGetWithoutTheBody()
    {
        var id = Id(await CreateDocument());
        var (_, etag) = await Read($"/api/v1/documents/{id}");

        using var head = await Head($"/api/v1/documents/{id}");
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(etag, ETag(head));
        Assert.Equal("application/json", head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());

        using var unchanged = await Head($"/api/v1/documents/{id}", request => request.Headers.TryAddWithoutValidation("If-None-Match", etag));
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);

        using var list = await Head("/api/v1/documents?limit=5");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Empty(await list.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Head_IsRefusedAsItsGetWouldBe_WithTheProblemsHeadersAndNoBody()
    {
        using var missing = await Head($"/api/v1/documents/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await missing.Content.ReadAsByteArrayAsync());

        using var badFilter = await Head("/api/v1/documents?year=not-a-year");
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
        Assert.Empty(await badFilter.Content.ReadAsByteArrayAsync());

        using var anonymous = await Anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/documents"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.NotEmpty(anonymous.Headers.WwwAuthenticate);

        // Where no GET is mapped, HEAD is a method the resource does not allow.
        using var postOnly = await Head($"/api/v1/imports/{Guid.NewGuid()}/commit");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, postOnly.StatusCode);
    }

    private async Task<HttpResponseMessage> Head(string url, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, url);
        configure?.Invoke(request);
        return await Client.SendAsync(request);
    }

    [Fact]
    public async Task Health_LiveAndReady_Answer200()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/health/live")).StatusCode);
        using var ready = await Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Problem_QuotesTheTraceIdOfTheCallersTraceparent()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/documents/{Guid.NewGuid()}");
        request.Headers.Add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        var problem = await ExpectProblem(Client.SendAsync(request), HttpStatusCode.NotFound, "urn:policyapi:problem:not-found");

        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", (string?)problem["traceId"]);
    }
}
