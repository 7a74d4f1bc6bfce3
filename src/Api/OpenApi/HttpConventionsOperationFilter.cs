using Microsoft.OpenApi;
using PolicyApi.Api.Endpoints;
using PolicyApi.Api.Http;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace PolicyApi.Api.OpenApi;

/// <summary>Documents the conditional-request and idempotency headers each operation takes and returns.</summary>
public sealed class HttpConventionsOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        operation.Parameters ??= [];

        if (metadata.OfType<RequiresIfMatchAttribute>().Any())
        {
            var ifMatch = operation.Parameters.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == "If-Match");
            if (ifMatch is not null)
            {
                ifMatch.Required = true;
                ifMatch.Description = "The ETag of the resource as last read. Missing → 428; stale → 412.";
            }
        }

        if (metadata.OfType<ConditionalGetAttribute>().Any())
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-None-Match",
                In = ParameterLocation.Header,
                Required = false,
                Description = "An ETag from an earlier read; if it is still current the answer is 304 with no body.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        if (metadata.OfType<IdempotentAttribute>().Any())
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = IdempotencyMiddleware.Header,
                In = ParameterLocation.Header,
                Required = false,
                Description = "A key unique to this write (e.g. a UUID). Retrying with the same key, body (and If-Match) replays the first response (header Idempotent-Replayed: true) — the change and its stored response commit together, so a retry after a lost answer or a crash either replays or runs once. The same key with another request → 422; while the first is running → 409 with Retry-After. Kept 24 h, scoped to the caller's whole identity (subject, roles, unit, client).",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 200 },
            });
        }

        if (metadata.OfType<PlainTextBodyAttribute>().Any())
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "The document's plain text, UTF-8.",
                Content = new Dictionary<string, OpenApiMediaType> { ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
            };
        }

        if (operation.Responses is null)
        {
            return;
        }

        foreach (var (status, response) in operation.Responses)
        {
            if (status is "200" or "201" && response is OpenApiResponse concrete && (metadata.OfType<ConditionalGetAttribute>().Any() || metadata.OfType<RequiresIfMatchAttribute>().Any() || status == "201"))
            {
                concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                concrete.Headers["ETag"] = new OpenApiHeader
                {
                    Description = "Strong entity tag of the representation; send it back as If-Match or If-None-Match.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                };
            }
        }
    }
}
