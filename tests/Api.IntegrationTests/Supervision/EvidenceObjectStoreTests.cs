using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PolicyApi.Api.IntegrationTests.Support;

namespace PolicyApi.Api.IntegrationTests.Supervision;

/// <summary>
/// Evidence bytes in an S3-compatible object store (Attachments:Store = s3): the AWS SDK's real requests against a
/// small S3-speaking server in the test (PUT, GET and DELETE of objects, path-style), nothing kept in PostgreSQL.
/// </summary>
public sealed class EvidenceObjectStoreTests(ApiFixture fixture) : SupervisionTest(fixture)
{
    private static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"u8.ToArray();

    [Fact]
    public async Task Evidence_KeptInAnObjectStore_IsPutRead_AndRemovedThere()
    {
        await using var s3 = await FakeS3.StartAsync();
        await using var api = Fixture.Factory.WithWebHostBuilder(b => b
            .UseSetting("Attachments:Store", "s3")
            .UseSetting("Attachments:S3:ServiceUrl", s3.BaseUrl)
            .UseSetting("Attachments:S3:Bucket", "evidence")
            .UseSetting("Attachments:S3:AccessKey", "test-key")
            .UseSetting("Attachments:S3:SecretKey", "test-secret"));
        using var client = api.CreateDefaultClient(new ActingIdentityHandler());
        var report = await DraftAsync();

        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(Pdf);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(part, "file", "到资凭证.pdf");
        var created = await Expect(client.PostAsync($"/api/v1/progress-reports/{report}/attachments", form), HttpStatusCode.Created);
        var id = Id(created);

        Assert.Equal(Pdf, s3.Objects[$"/evidence/evidence/{id}"]);
        Assert.Contains(s3.Requests, r => r.StartsWith("PUT ", StringComparison.Ordinal) && r.Contains("AWS4-HMAC-SHA256", StringComparison.Ordinal));
        Assert.Equal(0, await InDatabase(db => db.AttachmentContents.CountAsync()));

        using var download = await client.GetAsync($"/api/v1/progress-reports/{report}/attachments/{id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());

        var (_, etag) = await Read($"/api/v1/progress-reports/{report}");
        using var remove = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/progress-reports/{report}/attachments/{id}");
        remove.Headers.TryAddWithoutValidation("If-Match", etag);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(remove)).StatusCode);
        Assert.Empty(s3.Objects);
    }

    /// <summary>Just enough of S3 for one bucket, path-style: PUT, GET (404 NoSuchKey when missing) and DELETE of objects.</summary>
    private sealed class FakeS3 : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private FakeS3(WebApplication app) => _app = app;

        public ConcurrentDictionary<string, byte[]> Objects { get; } = new(StringComparer.Ordinal);

        public ConcurrentQueue<string> Requests { get; } = new();

        public string BaseUrl { get; private set; } = string.Empty;

        public static async Task<FakeS3> StartAsync()
        {
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var s3 = new FakeS3(app);
            app.Run(s3.HandleAsync);
            await app.StartAsync();
            s3.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
            return s3;
        }

        private async Task HandleAsync(HttpContext http)
        {
            var key = http.Request.Path.Value!;
            Requests.Enqueue($"{http.Request.Method} {key} {http.Request.Headers.Authorization}");
            switch (http.Request.Method)
            {
                case "PUT":
                    using (var body = new MemoryStream())
                    {
                        await http.Request.Body.CopyToAsync(body);
                        Objects[key] = body.ToArray();
                    }

                    http.Response.Headers.ETag = "\"fake\"";
                    return;
                case "GET" when Objects.TryGetValue(key, out var content):
                    http.Response.ContentType = "application/octet-stream";
                    http.Response.ContentLength = content.Length;
                    await http.Response.Body.WriteAsync(content);
                    return;
                case "GET":
                    http.Response.StatusCode = 404;
                    http.Response.ContentType = "application/xml";
                    await http.Response.WriteAsync("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>");
                    return;
                case "DELETE":
                    Objects.TryRemove(key, out _);
                    http.Response.StatusCode = 204;
                    return;
                default:
                    http.Response.StatusCode = 405;
                    return;
            }
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
