using System.Net;
using PolicyApi.Api.IntegrationTests.Support;

namespace PolicyApi.Api.IntegrationTests.Conventions;

/// <summary>With an OTLP endpoint configured, traces and metrics are on; a collector that does not answer costs the caller nothing.</summary>
public sealed class TelemetryTests(ApiFixture fixture) : RegistryTest(fixture)
{
    [Fact]
    public async Task WithOtlpConfigured_AndNoCollectorListening_RequestsAreServedAsUsual()
    {
        await CreateDocument();
        await using var host = Fixture.Factory.WithWebHostBuilder(b => b.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9"));
        using var client = host.CreateDefaultClient(new ActingIdentityHandler());

        for (var i = 0; i < 3; i++)
        {
            using var list = await client.GetAsync("/api/v1/documents");
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        }

        using var missing = await client.GetAsync($"/api/v1/documents/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
