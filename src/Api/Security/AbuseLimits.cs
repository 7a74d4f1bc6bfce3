using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace PolicyApi.Api.Security;

/// <summary>Per-client request limits and the browser-facing protections (security headers, closed CORS).</summary>
public sealed class AbuseLimitOptions
{
    public const string Section = "Limits";

    /// <summary>Requests one client (token subject, else IP address) may make per minute.</summary>
    public int PermitsPerMinute { get; set; } = 600;

    /// <summary>
    /// Counts each client's minute for the whole deployment, in PostgreSQL (default), so N replicas do not allow N
    /// times the limit; false counts per process only.
    /// </summary>
    public bool SharedAcrossReplicas { get; set; } = true;

    /// <summary>The largest request body accepted, in bytes (imports have their own, larger limit).</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Origins allowed to call the API from a browser; none means CORS is closed.</summary>
    public IList<string> CorsOrigins { get; } = [];
}

public static class AbuseLimits
{
    public const string CorsPolicy = "configured-origins";

    public static IServiceCollection AddAbuseLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(AbuseLimitOptions.Section).Get<AbuseLimitOptions>() ?? new AbuseLimitOptions();
        services.AddOptions<AbuseLimitOptions>().Bind(configuration.GetSection(AbuseLimitOptions.Section));
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal)
                    ? RateLimitPartition.GetNoLimiter("health")
                    : options.SharedAcrossReplicas
                        ? RateLimitPartition.Get(ClientOf(http), client => new SharedWindowLimiter(
                            $"{Math.Max(1, options.PermitsPerMinute)}/min {client}", Math.Max(1, options.PermitsPerMinute),
                            http.RequestServices.GetRequiredService<Infrastructure.RateLimiting.SharedRateLimitWindows>(),
                            http.RequestServices.GetRequiredService<TimeProvider>()))
                        : RateLimitPartition.GetFixedWindowLimiter(ClientOf(http), _ => new FixedWindowRateLimiterOptions
                        {
                            PermitLimit = Math.Max(1, options.PermitsPerMinute),
                            Window = TimeSpan.FromMinutes(1),
                            QueueLimit = 0,
                        }));
            o.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await ProblemWriter.WriteAsync(context.HttpContext, new TooManyRequestsException(
                    $"This client made more than {options.PermitsPerMinute} requests in a minute. Retry after {retryAfter} s."));
            };
        });
        services.AddCors(o => o.AddPolicy(CorsPolicy, policy =>
        {
            var origins = options.CorsOrigins.Where(o => !string.IsNullOrWhiteSpace(o)).ToArray();
            if (origins.Length > 0)
            {
                policy.WithOrigins(origins).AllowAnyHeader().AllowAnyMethod()
                    .WithExposedHeaders("ETag", "Location", "Idempotent-Replayed", "Retry-After");
            }
        }));
        return services;
    }

    /// <summary>The token's subject when there is one, otherwise the remote address.</summary>
    private static string ClientOf(HttpContext http) =>
        http.RequestServices.GetRequiredService<ICurrentCaller>().Caller is { } caller ? "sub:" + caller.Subject : "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    /// <summary>Headers that keep browsers from sniffing, framing or leaking what the API returns.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Resource-Policy"] = "same-origin";
                if (!http.Request.Path.StartsWithSegments("/swagger", StringComparison.Ordinal))
                {
                    headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
                }

                return Task.CompletedTask;
            });
            await next(http);
        });

    /// <summary>
    /// Refuses bodies over the limit with 413 before anything reads them (the idempotency fingerprint
    /// included): 2 MiB for imports (Import:MaxBodyBytes), an evidence file and its form for uploads
    /// (Attachments:MaxBytes), 1 MiB elsewhere (Limits:MaxBodyBytes); the server
    /// applies the same limit to bodies sent without a length.
    /// </summary>
    public static void UseBodyLimits(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var path = http.Request.Path;
            var limit = path.StartsWithSegments("/api/v1/imports", StringComparison.Ordinal)
                ? http.RequestServices.GetRequiredService<IOptions<Features.Importing.ImportOptions>>().Value.MaxBodyBytes
                : path.StartsWithSegments("/api/v1/progress-reports", StringComparison.Ordinal) && (path.Value?.EndsWith("/attachments", StringComparison.Ordinal) ?? false)
                    ? http.RequestServices.GetRequiredService<IOptions<Features.Reports.AttachmentOptions>>().Value.MaxBytes + Features.Reports.AttachmentOptions.FormOverhead
                    : http.RequestServices.GetRequiredService<IOptions<AbuseLimitOptions>>().Value.MaxBodyBytes;
            if (http.Request.ContentLength > limit)
            {
                throw new PayloadTooLargeException(limit);
            }

            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }

            await next(http);
        });
}
