using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PolicyApi.Api.Http;
using PolicyApi.Domain.Importing;
using PolicyApi.Infrastructure.Persistence;

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
    IReadOnlyList<UnitResolution> Units)
{
    /// <summary>Unit names that resolve to no unit: map or create them in the commit.</summary>
    public int UnresolvedUnits => Units.Count(u => u.Match == "none");

    internal static async Task<ImportResponse> FromAsync(PolicyDbContext db, DocumentImport record, ImportDraft draft, CancellationToken cancellationToken)
    {
        var directory = await UnitDirectory.LoadAsync(db, record.Region, cancellationToken);
        var units = ImportDrafts.UnitNames(draft).Select(n => directory.Resolve(n.Name, n.Occurrences)).ToList();
        return new ImportResponse(record.Id, record.Status, record.Region, record.CreatedAt, record.ExpiresAt,
            record.CommittedAt, record.DocumentId, draft, units);
    }
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

    /// <summary>A region is known once its registry has a unit or a document, or when it is configured.</summary>
    public static async Task EnsureKnownRegionAsync(PolicyDbContext db, string region, ImportOptions options, CancellationToken cancellationToken)
    {
        if (options.Regions.Contains(region, StringComparer.Ordinal)
            || await db.Units.AnyAsync(u => u.Region == region, cancellationToken)
            || await db.Documents.AnyAsync(d => d.Region == region, cancellationToken))
        {
            return;
        }

        throw new UnprocessableException(ProblemTypes.ForRule("unknown-region"), "Unknown region",
            $"No region '{region}' is known: it has no registered units or documents and is not configured (Import:Regions). Register a unit of the region first.")
        {
            Errors = new Dictionary<string, string[]> { ["region"] = [$"Unknown region '{region}'."] },
        };
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions();
        ApiJson.Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
