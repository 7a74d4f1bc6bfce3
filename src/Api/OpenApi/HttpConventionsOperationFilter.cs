using Microsoft.OpenApi;
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
            // Handlers read If-Match from the request (Representations.EnsureMatch), so the endpoint does not bind it.
            operation.Parameters.Add(Header("If-Match", required: true, "The ETag of the resource as last read. Missing → 428; stale → 412."));
        }

        if (metadata.OfType<ConditionalGetAttribute>().Any())
        {
            operation.Parameters.Add(Header("If-None-Match", required: false, "An ETag from an earlier read; if it is still current the answer is 304 with no body."));
        }

        if (metadata.OfType<IdempotentAttribute>().Any())
        {
            operation.Parameters.Add(Header(
                IdempotencyMiddleware.Header,
                required: false,
                "A key unique to this write (e.g. a UUID). Retrying with the same key, body (and If-Match) replays the first response (header Idempotent-Replayed: true) — the change and its stored response commit together, so a retry after a lost answer or a crash either replays or runs once. The same key with another request → 422; while the first is running → 409 with Retry-After. Kept 24 h, scoped to the caller's whole identity (subject, roles, unit, client).",
                maxLength: 200));
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

        if (metadata.OfType<FileUploadBodyAttribute>().Any())
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "multipart/form-data with the file in a part named file: an image (PNG, JPEG, GIF, WebP), a PDF or an Office document.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["multipart/form-data"] = new()
                    {
                        Schema = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Required = new HashSet<string> { "file" },
                            Properties = new Dictionary<string, IOpenApiSchema>
                            {
                                ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The file, under its own name (e.g. 6月到资凭证.pdf)." },
                            },
                        },
                    },
                },
            };
        }

        if (operation.Responses is null)
        {
            return;
        }

        if (metadata.OfType<TabularExportAttribute>().FirstOrDefault() is { } table && operation.Responses.TryGetValue("200", out var ok) && ok is OpenApiResponse okResponse)
        {
            DescribeTable(okResponse, table.Response);
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

            if (status == "200" && response is OpenApiResponse read && ReplicaReads.Operations.Contains(operation.OperationId))
            {
                read.Headers ??= new Dictionary<string, IOpenApiHeader>();
                read.Headers[ReplicaReads.LagHeader] = new OpenApiHeader
                {
                    Description = "Present when a read replica answered: how many seconds it may be behind the primary (0 when it has replayed all it received). " +
                        "Send Cache-Control: no-cache to be answered from the primary, e.g. right after your own write.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Number, Minimum = "0" },
                };
            }
        }
    }

    /// <summary>A table's 200: its JSON schema, and the same tables as CSV text or an XLSX workbook (a download).</summary>
    private static void DescribeTable(OpenApiResponse response, Type table)
    {
        response.Description = "The table as JSON; as CSV (UTF-8 with a byte-order mark, the tables one after another, each under its name) " +
            "or as an XLSX workbook (a sheet per table) when Accept or format asks for it.";
        response.Content ??= new Dictionary<string, OpenApiMediaType>();
        var csv = SeedExamples.CsvOf(table);
        response.Content[TabularExport.CsvMediaType] = new OpenApiMediaType
        {
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "RFC 4180 CSV, UTF-8." },
            Example = csv is null ? null : System.Text.Json.Nodes.JsonValue.Create(csv),
        };
        response.Content[TabularExport.XlsxMediaType] = new OpenApiMediaType
        {
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "An Office Open XML workbook." },
        };
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers["Content-Disposition"] = new OpenApiHeader
        {
            Description = "For CSV and XLSX: attachment with the file name, e.g. attachment; filename=bulletin-2021-Q2.csv.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        };
    }

    private static OpenApiParameter Header(string name, bool required, string description, int? maxLength = null) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = required,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = maxLength },
    };
}
