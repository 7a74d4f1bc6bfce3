namespace PolicyApi.Api.Features.Targets;

/// <summary>Loads a target for a change, and checks that what it names exists in its document and region.</summary>
public sealed class TargetReferences(PolicyDbContext db)
{
    public async Task<Target> LoadAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Targets
            .Include(t => t.Allocations)
            .Include(t => t.ScopeUnits)
            .Include(t => t.Milestones)
            .AsSplitQuery()
            .SingleOrDefaultAsync(t => t.Id == id, cancellationToken)
        ?? throw new ResourceNotFoundException("Target", id);

    /// <summary>The region of the target's document: its units and shares must be units of that region.</summary>
    public Task<string> RegionOfAsync(Target target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        return db.Documents.Where(d => d.Id == target.DocumentId).Select(d => d.Region).SingleAsync(cancellationToken);
    }

    /// <summary>The measure, scope units and source target a set target names must exist, in its document and its document's region.</summary>
    public async Task CheckAsync(Target target, CancellationToken cancellationToken) =>
        await CheckAsync(target, await RegionOfAsync(target, cancellationToken), cancellationToken);

    /// <summary>The measure, scope units and source target a target names must exist, in its document and region.</summary>
    public async Task CheckAsync(Target target, string region, CancellationToken cancellationToken)
    {
        if (target.MeasureId is { } measureId
            && !await db.Measures.AnyAsync(m => m.Id == measureId && m.DocumentId == target.DocumentId, cancellationToken))
        {
            throw new DomainValidationException("measureId", $"The document has no measure {measureId}.");
        }

        var scopeIds = target.ScopeUnits.Select(s => s.UnitId).ToList();
        if (scopeIds.Count > 0)
        {
            var known = await db.Units.Where(u => scopeIds.Contains(u.Id) && u.Region == region).Select(u => u.Id).ToListAsync(cancellationToken);
            var unknown = scopeIds.Except(known).ToList();
            if (unknown.Count > 0)
            {
                throw new DomainValidationException("scopeUnitIds", $"Not units of {region}: {string.Join(", ", unknown)}.");
            }
        }

        if (target.BasedOnTargetId is { } sourceId)
        {
            var source = await db.Targets.AsNoTracking().SingleOrDefaultAsync(t => t.Id == sourceId && t.DocumentId == target.DocumentId, cancellationToken)
                ?? throw new DomainValidationException("basedOnTargetId", $"The document has no target {sourceId}.");
            // A growth target awaiting its baseline reports nothing yet; once it has one, reports are in its source's unit.
            if (source.IsGrowth || source.Id == target.Id || (!target.AwaitsBaseline && TextKey.For(source.UnitOfMeasure) != TextKey.For(target.ReportUnitOfMeasure)))
            {
                throw new DomainValidationException("basedOnTargetId", $"A growth target takes its actuals from an absolute target in {target.ReportUnitOfMeasure}.");
            }
        }
    }
}
