using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace PolicyApi.Api.OpenApi;

/// <summary>
/// Names route and query parameters as requests write them — the camelCase of the property or parameter that binds
/// them (<c>UnitId</c> is <c>unitId</c>; binding matches query keys and route values ignoring case), so a record of
/// filters declares each name once, as its property. Describes the parameters that no XML comment reaches: route ids, and the query values endpoints take directly
/// (limit, cursor, format, asOf …). Filters of [AsParameters] records are described by their records' &lt;param&gt; docs.
/// </summary>
public sealed class ParameterDescriptionsOperationFilter : IOperationFilter
{
    private static readonly Dictionary<string, string> PathIds = new(StringComparer.Ordinal)
    {
        ["documentId"] = "The policy document's id (UUID).",
        ["chapterId"] = "The chapter's id (UUID), within the document.",
        ["measureId"] = "The measure's id (UUID).",
        ["assignmentId"] = "The assignment's id (UUID), within the measure.",
        ["unitId"] = "The responsible unit's id (UUID).",
        ["targetId"] = "The target's id (UUID).",
        ["reportId"] = "The progress report's id (UUID).",
        ["fileId"] = "The evidence file's id (UUID), within the report.",
        ["importId"] = "The import's id (UUID), as answered by POST /imports.",
        ["webhookId"] = "The webhook subscription's id (UUID).",
        ["deliveryId"] = "The delivery's id, as GET /webhooks/{webhookId}/deliveries lists it.",
    };

    private static readonly Dictionary<string, string> Query = new(StringComparer.Ordinal)
    {
        ["limit"] = $"Page size, 1–{Paging.MaxLimit} (default {Paging.DefaultLimit}).",
        ["cursor"] = "The nextCursor of the previous page of this list, under the same filters (another list's cursor is a 400).",
        ["updatedSince"] = "Only items created or changed at or after this instant (RFC 3339, e.g. 2021-07-01T00:00:00+08:00): a phone refreshes a list with what changed since its last look.",
        ["since"] = "The nextSince of the previous call (opaque); leave it out for the current token. One older than the feed keeps is a 410: resync.",
        ["format"] = "json, csv or xlsx; overrides the Accept header (text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet).",
        ["asOf"] = "The date (YYYY-MM-DD) to evaluate on, e.g. 2021-06-30; today in the supervising time zone when omitted.",
        ["chapterId"] = "Only measures in this chapter.",
        ["parentId"] = "Only the sub-items of this measure.",
        ["region"] = "The region whose registry resolves the unit names, e.g. 防城港市.",
        ["title"] = "The title, when the text does not state it as wanted (overrides what is read).",
        ["docNumber"] = "The 文号, e.g. 连政发〔2020〕62号 (overrides what is read).",
        ["issuer"] = "The issuing authority, e.g. 连云港市人民政府 (overrides what is read).",
        ["issuedOn"] = "The issue date, YYYY-MM-DD (overrides what is read).",
        ["kind"] = "measures, implementationOpinions, workPlan, constructionPlan or other (overrides what is read).",
    };

    /// <summary>The enum a text query parameter takes the spellings of, when it is declared with <see cref="OneOfAttribute{TEnum}"/>.</summary>
    private static Type? NamedValuesOf(OperationFilterContext context, string? name) =>
        context.ApiDescription.ParameterDescriptions
            .Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            .Select(p => p.ParameterInfo()?.GetCustomAttributes(inherit: true).OfType<INamedValues>().FirstOrDefault()?.EnumType)
            .FirstOrDefault(t => t is not null);

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.In is ParameterLocation.Path or ParameterLocation.Query && parameter.Name is { } name)
            {
                parameter.Name = JsonNamingPolicy.CamelCase.ConvertName(name);
            }

            if (parameter.In == ParameterLocation.Query && parameter.Name == "format" && parameter.Schema is OpenApiSchema format)
            {
                format.Enum = [JsonValue.Create("json"), JsonValue.Create("csv"), JsonValue.Create("xlsx")];
            }

            if (parameter.In == ParameterLocation.Query && parameter.Schema is OpenApiSchema text && NamedValuesOf(context, parameter.Name) is { } enumType)
            {
                text.Enum = [.. EnumSpellings.Of(enumType).Select(m => (JsonNode)JsonValue.Create(m.Spelling))];
            }

            if (!string.IsNullOrWhiteSpace(parameter.Description))
            {
                continue;
            }

            parameter.Description = parameter.In switch
            {
                ParameterLocation.Path => PathIds.GetValueOrDefault(parameter.Name ?? string.Empty),
                ParameterLocation.Query => Query.GetValueOrDefault(parameter.Name ?? string.Empty),
                ParameterLocation.Header when parameter.Name == "If-Match" =>
                    "Optional: the ETag of the report as last read; when it is stale the step is refused with 412 (the current ETag comes with it).",
                _ => null,
            };
        }
    }
}
