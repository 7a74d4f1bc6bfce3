using System.Text.Json;

namespace PolicyApi.Api.Features.Importing;

/// <summary>An import: the draft read from the text, how each unit name resolves, and whether it was committed.</summary>
public sealed record ImportResponse(
    Guid Id,
    ImportStatus Status,
    string Region,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? CommittedAt,
    Guid? DocumentId,
    ImportDraft Draft,
    IReadOnlyList<UnitResolution> Units) : TaggedRepresentation
{
    /// <summary>Unit names that resolve to no unit: map or create them in the commit.</summary>
    public int UnresolvedUnits => Units.Count(u => u.Match == "none");
}

/// <summary>Helpers shared by the import use cases.</summary>
internal static class ImportDrafts
{
    public static readonly JsonSerializerOptions Json = CreateJson();

    public static ImportDraft Read(DocumentImport record) =>
        JsonSerializer.Deserialize<ImportDraft>(record.DraftJson, Json) ?? throw new InvalidOperationException($"Import {record.Id} has no draft.");

    /// <summary>Every unit name of the draft (measures and task rows), once, in order of first appearance.</summary>
    public static List<(string Name, int Occurrences)> UnitNames(ImportDraft draft) =>
        draft.Measures.SelectMany(m => m.ResponsibleUnits).Concat(draft.Tasks.SelectMany(t => t.ResponsibleUnits))
            .GroupBy(u => u.Name, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count()))
            .ToList();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions();
        ApiJson.Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
