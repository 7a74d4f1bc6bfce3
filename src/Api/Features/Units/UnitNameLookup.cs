namespace PolicyApi.Api.Features.Units;

/// <summary>How a representation shows a unit it names: its name, and its version (which the representation's ETag includes).</summary>
public sealed record UnitLabel(string Name, int Version)
{
    public static readonly UnitLabel Unknown = new(string.Empty, 0);
}

/// <summary>The labels of units, for representations that show a unit by id and name.</summary>
public sealed class UnitNameLookup(PolicyDbContext db)
{
    /// <summary>Labels of the given units (of <paramref name="region"/> only, when given), in one query.</summary>
    public async Task<IReadOnlyDictionary<Guid, UnitLabel>> LabelsAsync(IEnumerable<Guid> unitIds, CancellationToken cancellationToken, string? region = null)
    {
        var ids = unitIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<Guid, UnitLabel>();
        }

        return await db.Units.AsNoTracking()
            .Where(u => ids.Contains(u.Id) && (region == null || u.Region == region))
            .ToDictionaryAsync(u => u.Id, u => new UnitLabel(u.Name, u.Version), cancellationToken);
    }
}
