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

    /// <summary>Loads the whole aggregate that holds the given assignment, the assignment, and its unit's label (its representation shows the unit's name).</summary>
    public async Task<(PolicyDocument Document, MeasureAssignment Assignment, UnitLabel Unit)> LoadAssignmentAsync(Guid measureId, Guid assignmentId, CancellationToken cancellationToken)
    {
        var document = await LoadByMeasureAsync(measureId, cancellationToken);
        var assignment = document.FindMeasure(measureId)?.FindAssignment(assignmentId)
            ?? throw new ResourceNotFoundException("Assignment", assignmentId);
        var unit = await db.Units.Where(u => u.Id == assignment.UnitId).Select(u => new UnitLabel(u.Name, u.Version)).SingleAsync(cancellationToken);
        return (document, assignment, unit);
    }
}
