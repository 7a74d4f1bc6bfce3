using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace PolicyApi.Api.Http;

/// <summary>
/// W3C Trace Context: an incoming <c>traceparent</c> becomes the parent of the request's trace (so problem
/// bodies quote the caller's trace id), and outgoing HTTP calls carry it on. Spans are exported over OTLP
/// only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is configured, with the service's metrics.
/// </summary>
public static class Tracing
{
    public static IServiceCollection AddPolicyTracing(this IServiceCollection services, IConfiguration configuration)
    {
        var exportTo = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(exportTo))
        {
            // Nobody to export to: no spans are recorded (ASP.NET Core still starts each request's activity from an
            // incoming traceparent, which is all the problem bodies quote). Recording spans for nobody cost a
            // span per request and per database command on the hot reads.
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("PolicyApi"))
            .WithTracing(tracing =>
            {
                tracing
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql();
                tracing.AddOtlpExporter();
            })
            // The figures to watch (docs/operations.md): request rate, duration and status (ASP.NET Core), open and
            // queued connections (Kestrel), refusals (rate limiting), outgoing calls (webhooks, JWKS), PostgreSQL
            // commands and pool use (Npgsql), GC, heap and thread pool (the runtime).
            .WithMetrics(metrics => metrics
                .AddMeter(
                    "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting",
                    "System.Net.Http", "System.Runtime", "Npgsql")
                .AddOtlpExporter());
        return services;
    }
}
