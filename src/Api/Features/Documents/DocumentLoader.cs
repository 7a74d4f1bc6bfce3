using Microsoft.EntityFrameworkCore;
using PolicyApi.Api.Http;
using PolicyApi.Domain.Documents;
using PolicyApi.Infrastructure.Persistence;

namespace PolicyApi.Api.Features.Documents;

internal static class DocumentLoader
{
    /// <summary>Loads the whole aggregate for a change: the document, its chapters, measures and assignments.</summary>
    public static async Task<PolicyDocument> LoadWholeAsync(PolicyDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Documents
            .Include(d => d.Chapters)
            .Include(d => d.Measures).ThenInclude(m => m.Assignments)
            .AsSplitQuery()
            .SingleOrDefaultAsync(d => d.Id == id, cancellationToken)
        ?? throw new ResourceNotFoundException("Document", id);

    /// <summary>Loads the whole aggregate that holds the given measure.</summary>
    public static async Task<PolicyDocument> LoadByMeasureAsync(PolicyDbContext db, Guid measureId, CancellationToken cancellationToken)
    {
        var documentId = await db.Measures.Where(m => m.Id == measureId).Select(m => (Guid?)m.DocumentId).SingleOrDefaultAsync(cancellationToken)
            ?? throw new ResourceNotFoundException("Measure", measureId);
        return await LoadWholeAsync(db, documentId, cancellationToken);
    }

    /// <summary>Names of the given units, in one query.</summary>
    public static async Task<IReadOnlyDictionary<Guid, string>> UnitNamesAsync(PolicyDbContext db, IEnumerable<Guid> unitIds, CancellationToken cancellationToken)
    {
        var ids = unitIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<Guid, string>();
        }

        return await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
    }
}
