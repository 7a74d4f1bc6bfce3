namespace PolicyApi.Api.Features.Documents;

/// <summary>Loads the document aggregate for a change: the document, its chapters, measures and assignments.</summary>
public sealed class DocumentLoader(PolicyDbContext db)
{
    public async Task<PolicyDocument> LoadWholeAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Documents
            .Include(d => d.Chapters)
            .Include(d => d.Measures).ThenInclude(m => m.Assignments)
            .AsSplitQuery()
            .SingleOrDefaultAsync(d => d.Id == id, cancellationToken)
        ?? throw new ResourceNotFoundException("Document", id);

    /// <summary>Loads the whole aggregate that holds the given measure.</summary>
    public async Task<PolicyDocument> LoadByMeasureAsync(Guid measureId, CancellationToken cancellationToken)
    {
        var documentId = await db.Measures.Where(m => m.Id == measureId).Select(m => (Guid?)m.DocumentId).SingleOrDefaultAsync(cancellationToken)
            ?? throw new ResourceNotFoundException("Measure", measureId);
        return await LoadWholeAsync(documentId, cancellationToken);
    }
}
