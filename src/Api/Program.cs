using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PolicyApi.Api.Features;
using PolicyApi.Api.Health;
using PolicyApi.Api.OpenApi;
using PolicyApi.Infrastructure;

if (args is ["import", .. var importArgs])
{
    Environment.ExitCode = PolicyApi.Api.Features.Importing.ImportCli.Run(importArgs, Console.Out, Console.Error);
    return;
}

if (args is ["token", .. var tokenArgs])
{
    Environment.ExitCode = PolicyApi.Api.Security.TokenCli.Run(tokenArgs, Console.Out, Console.Error);
    return;
}

if (args is ["rebuild-obligations", .. var rebuildArgs])
{
    Environment.ExitCode = await PolicyApi.Api.Hosting.RebuildObligationsCommand.RunAsync(rebuildArgs, Console.Out, Console.Error);
    return;
}

if (args is ["migrate", .. var migrateArgs])
{
    Environment.ExitCode = await PolicyApi.Api.Hosting.MigrateCommand.RunAsync(migrateArgs);
    return;
}

var builder = WebApplication.CreateBuilder(args);
RefuseDevelopmentKeys(builder.Configuration, builder.Environment);

builder.Services.AddPolicyInfrastructure(builder.Configuration);
builder.Services.AddPolicySecurity(builder.Configuration, builder.Environment);
builder.Services.AddAbuseLimits(builder.Configuration);
builder.Services.AddSingleton<PolicyApi.Infrastructure.Auditing.IAuditContext, PolicyApi.Api.Features.Auditing.HttpAuditContext>();
builder.Services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o => ApiJson.Configure(o.SerializerOptions));
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddMediator(typeof(Program).Assembly);
builder.Services.AddValidatorsFromAssemblyContaining<Program>(includeInternalTypes: true);
ValidationNames.UseCamelCase();
builder.Services.AddSingleton<Representations>();
builder.Services.AddHttpContextAccessor();
builder.Services.AddSingleton<ICurrentCaller, HttpCurrentCaller>();
builder.Services.AddSingleton<ServiceClock>();
builder.Services.AddFeatures(builder.Configuration);
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDetailsDefaults.Apply);
builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
builder.Services.AddResponseCompression(o =>
{
    o.EnableForHttps = true;
    o.Providers.Add<BrotliCompressionProvider>();
    o.Providers.Add<GzipCompressionProvider>();
    o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/problem+json", "text/csv"]);
});
// Brotli's fastest level (quality 1) compresses the serializer's flushed chunks worse than gzip (a page of 100 measures:
// 36.7 KB against gzip's 27.4 KB); at Optimal (brotli quality 4, gzip level 6) brotli stays the smaller (16.9 KB against
// 20.3 KB of 96 KB) for about 0.7 ms more CPU per such page. HttpConventionsTests holds brotli to no larger than gzip.
builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
builder.Services.AddBudgets();
builder.Services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"], timeout: TimeSpan.FromSeconds(1));
builder.Services.AddPolicyOpenApi();
builder.Services.AddPolicyTracing(builder.Configuration);

var app = builder.Build();

// Outermost, so that it sees the final status of every refused request, errors mapped by the handler included.
app.UseMiddleware<PolicyApi.Api.Features.Auditing.AuditRefusalsMiddleware>();
app.UseHeadAsGet();
app.UseSecurityHeaders();
app.UseCurrentETagOnPreconditionFailed();
app.UseExceptionHandler();
app.UseProblemStatusCodePages();
app.UseResponseCompression();
app.UseRouting();
app.UseStorableParameters();
app.UseRequestTimeouts();
app.UseCors(AbuseLimits.CorsPolicy);
app.UseBodyLimits();
app.UseAuthentication();
app.UsePolicyOpenApi(); // before authorization: the fallback policy would otherwise close the docs (Auth:PublicApiDocs decides)
app.UseRateLimiter();
app.UseAuthorization();
app.UseDeclaredParameters(); // after authorization: the answer names the endpoint's parameters
app.UseUtf8Bodies(); // after authorization: a caller without the right learns nothing about media types
app.UseMiddleware<IdempotencyMiddleware>();

app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new()
{
    Predicate = check => check.Tags.Contains("ready"),
    ResultStatusCodes = { [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable },
}).AllowAnonymous();
var api = app.MapGroup(string.Empty).WithAccessRules().WithBudgets();
api.MapFeatures();

await app.RunAsync();

/// <summary>The entry point, public so that integration tests can host it.</summary>
public partial class Program
{
    /// <summary>The documented audit key seals nothing a real deployment could trust: refused outside Development and Testing.</summary>
    private static void RefuseDevelopmentKeys(ConfigurationManager configuration, IHostEnvironment environment)
    {
        if (!environment.IsDevelopment() && !environment.IsEnvironment("Testing")
            && configuration[$"{PolicyApi.Infrastructure.Auditing.AuditOptions.Section}:SigningKey"] == PolicyApi.Infrastructure.Auditing.AuditOptions.DocumentedDevelopmentKey)
        {
            throw new InvalidOperationException(
                $"Audit:SigningKey is the documented development key, which is refused in the {environment.EnvironmentName} environment. Configure a secret key (a KMS or Kubernetes secret).");
        }
    }
}
