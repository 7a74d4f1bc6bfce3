using System.Diagnostics;
using System.Net;
using PolicyApi.Api.IntegrationTests.Support;

namespace PolicyApi.Api.IntegrationTests.Resilience;

/// <summary>
/// The service as Kubernetes stops it: a real process on a real port gets SIGTERM while requests are in flight.
/// Every one of them completes (and what it wrote is there), new connections are refused, and the process exits 0.
/// </summary>
public sealed class GracefulShutdownTests(ApiFixture fixture) : RegistryTest(fixture)
{
    [Fact]
    public async Task SigTerm_WhileRequestsAreInFlight_EveryRequestCompletes_AndTheProcessExitsCleanly()
    {
        var port = Loopback.FreePort();
        using var api = StartService(port);
        try
        {
            using var client = new HttpClient(new ActingIdentityHandler { InnerHandler = new SocketsHttpHandler() })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{port}"),
                Timeout = TimeSpan.FromSeconds(60),
            };
            await WaitUntilReady(client, api);

            // Five creates whose bodies arrive slowly, over about three seconds: they are in flight when SIGTERM comes.
            var sends = Enumerable.Range(1, 5).Select(i => client.PostAsync("/api/v1/documents",
                new SlowContent(JsonBody(LianyungangDocument($"连政发〔2021〕{i}号")), TimeSpan.FromSeconds(3)))).ToList();
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.False(api.HasExited);
            using (var kill = Process.Start("kill", ["-TERM", api.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            var responses = await Task.WhenAll(sends);
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
            await api.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, api.ExitCode);
            Assert.Equal(5, await InDatabase(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Documents)));
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => new HttpClient().GetAsync($"http://127.0.0.1:{port}/health/live"));
        }
        finally
        {
            // A failed assertion must not leave the service running (it holds connections to the test database).
            if (!api.HasExited)
            {
                api.Kill(entireProcessTree: true);
            }
        }
    }

    private Process StartService(int port)
    {
        var build = AppContext.BaseDirectory.Replace(Path.Combine("tests", "Api.IntegrationTests"), Path.Combine("src", "Api"), StringComparison.Ordinal);
        var start = new ProcessStartInfo("dotnet", [Path.Combine(build, "PolicyApi.Api.dll"), "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = build,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Testing",
                ["ConnectionStrings__Policy"] = Fixture.ConnectionString,
                ["Audit__SigningKey"] = ApiFixture.AuditKey,
                ["Audit__CheckpointFile"] = Fixture.CheckpointFile,
                ["Audit__CheckpointInterval"] = "1.00:00:00",
                ["Auth__SigningKey"] = Tokens.SigningKey,
                ["Auth__Issuer"] = Tokens.Issuer,
                ["Auth__Audience"] = Tokens.Audience,
                ["Limits__PermitsPerMinute"] = "1000000",
                ["Reminders__Enabled"] = "false",
                ["Supervision__StatusCheckEnabled"] = "false",
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilReady(HttpClient client, Process api)
    {
        for (var i = 0; i < 300; i++)
        {
            Assert.False(api.HasExited, $"The service exited during startup ({(api.HasExited ? api.ExitCode : 0)}).");
            try
            {
                using var ready = await client.GetAsync("/health/ready");
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        Assert.Fail("The service was not ready within 30 s.");
    }


    /// <summary>A body sent in ten pieces spread over <paramref name="duration"/>, as a phone on a slow link sends it.</summary>
    private sealed class SlowContent : HttpContent
    {
        private readonly HttpContent inner;
        private readonly TimeSpan duration;

        public SlowContent(HttpContent inner, TimeSpan duration)
        {
            this.inner = inner;
            this.duration = duration;
            Headers.ContentType = inner.Headers.ContentType;
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var bytes = await inner.ReadAsByteArrayAsync();
            var piece = (bytes.Length + 9) / 10;
            for (var offset = 0; offset < bytes.Length; offset += piece)
            {
                await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(piece, bytes.Length - offset)));
                await stream.FlushAsync();
                await Task.Delay(duration / 10);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
