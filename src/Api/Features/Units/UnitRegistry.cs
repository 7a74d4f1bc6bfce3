namespace PolicyApi.Api.Features.Units;

/// <summary>Loads a unit for a change, and checks its place and names in the region's registry.</summary>
public sealed class UnitRegistry(PolicyDbContext db)
{
    public async Task<ResponsibleUnit> LoadAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Units.Include(u => u.Names).SingleOrDefaultAsync(u => u.Id == id, cancellationToken)
        ?? throw new ResourceNotFoundException("Unit", id);

    /// <summary>Checks a registered or revised unit against the registry: its parent, then its names.</summary>
    public async Task CheckAsync(ResponsibleUnit unit, Guid? parentId, CancellationToken cancellationToken)
    {
        await PlaceAsync(unit, parentId, cancellationToken);
        await EnsureNamesFreeAsync(unit, cancellationToken);
    }

    /// <summary>Puts the unit under its parent, refusing a parent that is missing, of another region, or would make a cycle.</summary>
    private async Task PlaceAsync(ResponsibleUnit unit, Guid? parentId, CancellationToken cancellationToken)
    {
        if (parentId is null)
        {
            unit.PlaceUnder(null, _ => null);
            return;
        }

        var parents = await db.Units.AsNoTracking()
            .Where(u => u.Region == unit.Region)
            .Select(u => new { u.Id, u.ParentId })
            .ToDictionaryAsync(u => u.Id, u => u.ParentId, cancellationToken);
        var parent = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == parentId, cancellationToken)
            ?? throw new DomainValidationException("parentId", $"There is no unit {parentId}.");
        unit.PlaceUnder(parent, id => parents.GetValueOrDefault(id));
    }

    /// <summary>Refuses names that already name another unit of the region, saying which.</summary>
    public async Task EnsureNamesFreeAsync(ResponsibleUnit unit, CancellationToken cancellationToken)
    {
        var keys = unit.Names.Select(n => n.Key).ToList();
        var taken = await db.UnitNames.AsNoTracking()
            .Where(n => n.Region == unit.Region && keys.Contains(n.Key) && n.UnitId != unit.Id)
            .Select(n => new { n.Key, n.UnitId, Holder = db.Units.Where(u => u.Id == n.UnitId).Select(u => u.Name).First() })
            .ToListAsync(cancellationToken);
        if (taken.Count == 0)
        {
            return;
        }

        var errors = new Dictionary<string, string[]>();
        foreach (var clash in taken)
        {
            var name = unit.Names.First(n => n.Key == clash.Key);
            var field = name.Kind switch
            {
                UnitNameKind.Name => "name",
                UnitNameKind.ShortName => "shortName",
                _ => "aliases",
            };
            errors[field] = [.. errors.GetValueOrDefault(field, []), $"{name.Value} already names {clash.Holder} ({clash.UnitId}) in {unit.Region}."];
        }

        throw new ConflictException(
            ProblemTypes.ForRule("unit-name-taken"),
            $"In {unit.Region}, {string.Join("; ", errors.Values.SelectMany(v => v))}")
        {
            Errors = errors,
        };
    }
}
