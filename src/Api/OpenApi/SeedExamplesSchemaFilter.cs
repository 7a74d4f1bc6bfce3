using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace PolicyApi.Api.OpenApi;

/// <summary>Attaches the seed-document examples to their schemas (pages included), serialized exactly as the API would send them.</summary>
public sealed class SeedExamplesSchemaFilter(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var example = SeedExamples.ByType.GetValueOrDefault(context.Type) ?? SeedExamples.PageOf(context.Type);
        if (schema is OpenApiSchema concrete && example is not null)
        {
            var node = JsonSerializer.SerializeToNode(example, example.GetType(), json.Value.SerializerOptions);
            if (node is not null)
            {
                concrete.Examples = [node];
            }
        }
    }
}
