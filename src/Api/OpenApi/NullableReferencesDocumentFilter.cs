using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace PolicyApi.Api.OpenApi;

/// <summary>
/// Writes a property that holds a referenced schema or null (a document's <c>period</c>, an attainment's <c>growth</c>,
/// a target's <c>direction</c>) the way OpenAPI 3.0 can say it: <c>oneOf</c> the reference or null. Swashbuckle marks
/// it <c>allOf: [$ref], nullable: true</c>, but in 3.0 <c>nullable</c> only widens a <c>type</c> of its own schema,
/// so validators (Spectral among them) refuse the null such a property really carries.
/// </summary>
public sealed class NullableReferencesDocumentFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(swaggerDoc);
        foreach (var schema in swaggerDoc.Components?.Schemas?.Values.OfType<OpenApiSchema>() ?? [])
        {
            Rewrite(schema, swaggerDoc);
        }
    }

    private static void Rewrite(OpenApiSchema schema, OpenApiDocument document)
    {
        foreach (var (name, property) in schema.Properties?.ToList() ?? [])
        {
            if (property is OpenApiSchema concrete)
            {
                schema.Properties![name] = NullableReference(concrete, document) ?? concrete;
                Rewrite(concrete, document);
            }
        }

        if (schema.Items is OpenApiSchema items)
        {
            schema.Items = NullableReference(items, document) ?? items;
        }
    }

    /// <summary>The oneOf form of <c>allOf: [$ref], nullable: true</c>; null when <paramref name="schema"/> is not one.</summary>
    private static OpenApiSchema? NullableReference(OpenApiSchema schema, OpenApiDocument document)
    {
        if (schema.Type != JsonSchemaType.Null || schema.AllOf is not [OpenApiSchemaReference reference])
        {
            return null;
        }

        var target = reference.Reference.Id is { } id && document.Components?.Schemas?.TryGetValue(id, out var found) == true ? found : null;
        return new OpenApiSchema
        {
            OneOf = [reference, new OpenApiSchema { Type = (target?.Type ?? JsonSchemaType.Object) | JsonSchemaType.Null, Enum = [null!], Description = "null: not given." }],
            Description = schema.Description,
            Examples = schema.Examples,
            ReadOnly = schema.ReadOnly,
            WriteOnly = schema.WriteOnly,
            Deprecated = schema.Deprecated,
        };
    }
}
