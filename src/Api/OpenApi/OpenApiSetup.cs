using Microsoft.OpenApi;

namespace PolicyApi.Api.OpenApi;

public static class OpenApiSetup
{
    public static IServiceCollection AddPolicyOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "PolicyApi",
                Version = "v1",
                Description = """
                    Tracks how government policy documents are carried out: their chapters and measures, the
                    responsible units of each measure and their roles (牵头 lead, 配合 cooperating, 责任单位 responsible).

                    Conventions: JSON in camelCase, ids are UUIDs, dates YYYY-MM-DD, timestamps RFC 3339 UTC.
                    Every error is application/problem+json (RFC 9457) with a stable `type`, `traceId` and, for
                    validation, an `errors` map of field → messages. Collections are cursor-paged (`limit` ≤ 100,
                    `nextCursor`). Single resources carry a strong ETag: send it as If-None-Match to get 304, and as
                    If-Match on PUT and DELETE (428 without, 412 when stale). Creating POSTs accept an
                    Idempotency-Key. Unknown request properties are refused with 400.

                    Every operation needs a bearer token (JWT) whose `role` is administrator, supervisor, reporter
                    (bound to one unit by `unit_id`), reader or system (with `scope`s such as measures.read,
                    reports.write); each operation says which it admits. Use Authorize with a token from
                    scripts/dev-token.sh when running locally.
                    """,
            });
            var xml = Path.Combine(AppContext.BaseDirectory, "PolicyApi.Api.xml");
            if (File.Exists(xml))
            {
                o.IncludeXmlComments(xml);
            }

            o.SupportNonNullableReferenceTypes();

            // Properties that hold another schema keep their own description and nullability (see NullableReferencesDocumentFilter).
            o.UseAllOfToExtendReferenceSchemas();

            // Audit snapshots (before, after) are whatever JSON the entity held: any value, not JsonNode's own members.
            o.MapType<System.Text.Json.Nodes.JsonNode>(() => new OpenApiSchema { Description = "Any JSON value." });
            o.CustomSchemaIds(t => t.Name.Replace("`1", string.Empty, StringComparison.Ordinal) + string.Concat(t.GetGenericArguments().Select(a => a.Name)));
            o.SchemaFilter<SeedExamplesSchemaFilter>();
            o.OperationFilter<HttpConventionsOperationFilter>();
            o.OperationFilter<ParameterDescriptionsOperationFilter>();
            o.OperationFilter<SecurityOperationFilter>();
            o.DocumentFilter<NullableReferencesDocumentFilter>();
            o.AddSecurityDefinition(SecurityOperationFilter.Scheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An access token from the identity provider; locally, from scripts/dev-token.sh ROLE [UNIT_ID]. Paste the token alone.",
            });
        });
        return services;
    }

    public static WebApplication UsePolicyOpenApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var auth = app.Configuration.GetSection(PolicyApi.Api.Security.AuthOptions.Section).Get<PolicyApi.Api.Security.AuthOptions>() ?? new();
        if (!auth.PublicApiDocs)
        {
            app.Use(async (http, next) =>
            {
                if (http.Request.Path.StartsWithSegments("/swagger", StringComparison.Ordinal) && http.User.Identity?.IsAuthenticated != true)
                {
                    await Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions.ChallengeAsync(http);
                    return;
                }

                await next(http);
            });
        }

        app.UseSwagger(o =>
        {
            o.RouteTemplate = "swagger/{documentName}/swagger.json";

            // The server is the one that served the document, so generated clients and Swagger UI call it by default.
            o.PreSerializeFilters.Add((document, request) =>
                document.Servers = [new OpenApiServer { Url = $"{request.Scheme}://{request.Host.Value}{request.PathBase}", Description = "This PolicyApi" }]);
        });
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "swagger";
            o.SwaggerEndpoint("/swagger/v1/swagger.json", "PolicyApi v1");
            o.DocumentTitle = "PolicyApi — Swagger UI";
            o.DisplayRequestDuration();
        });
        return app;
    }
}
