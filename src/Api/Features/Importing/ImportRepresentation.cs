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

    /// <summary>Unit lists the importer could not read (unparsedUnits on a measure or task): the commit is refused until a person clears each.</summary>
    public int UnparsedUnitLists => DraftReview.Unresolved(Draft).Count();
}

/// <summary>Helpers shared by the import use cases.</summary>
internal static class ImportDrafts
{
    public static readonly JsonSerializerOptions Json = CreateJson();

    public static ImportDraft Read(DocumentImport record) =>
        JsonSerializer.Deserialize<ImportDraft>(record.DraftJson, Json) ?? throw new InvalidOperationException($"Import {record.Id} has no draft.");

    /// <summary>The import to change, tracked: 404 when there is none, 410 once it has expired.</summary>
    public static async Task<DocumentImport> LoadUnexpiredAsync(PolicyDbContext db, Guid importId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var import = await db.Imports.SingleOrDefaultAsync(i => i.Id == importId, cancellationToken)
            ?? throw new ResourceNotFoundException("Import", importId);
        return import.HasExpired(now) ? throw new GoneException(ProblemTypes.ForRule("import-expired"), import.ExpiryNotice) : import;
    }

    /// <summary>Refuses a draft (422) while a unit list the importer could not read is kept on it, naming each and its line.</summary>
    public static void EnsureUnitListsResolved(ImportDraft draft)
    {
        var unresolved = DraftReview.Unresolved(draft).ToList();
        if (unresolved.Count > 0)
        {
            throw new UnprocessableException(ProblemTypes.ForRule("unparsed-units"), "Unit lists not read",
                $"{unresolved.Count} unit list(s) of the draft could not be read and are kept as unparsedUnits: {string.Join(" ", unresolved.Select(u => u.Message))}")
            {
                Errors = unresolved.ToDictionary(u => u.Field, u => new[] { u.Message }),
            };
        }
    }

    /// <summary>Every unit name of the draft (measures and task rows), once, in order of first appearance.</summary>
    public static List<(string Name, int Occurrences)> UnitNames(ImportDraft draft) =>
        draft.Measures.SelectMany(m => m.ResponsibleUnits).Concat(draft.Tasks.SelectMany(t => t.ResponsibleUnits))
            .GroupBy(u => u.Name, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count()))
            .ToList();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions();
        ApiJson.Configure(options, maxDecimals: null); // the draft as the importer worked it out (a figure converted to 万 may have more places)
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
