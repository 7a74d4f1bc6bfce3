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
            await EnsureNoVariantTakenAsync(unit, cancellationToken);
            return;
        }

        var errors = new Dictionary<string, string[]>();
        foreach (var clash in taken)
        {
            var name = unit.Names.First(n => n.Key == clash.Key);
            var field = FieldOf(name.Kind);
            errors[field] = [.. errors.GetValueOrDefault(field, []), $"{name.Value} already names {clash.Holder} ({clash.UnitId}) in {unit.Region}."];
        }

        throw NameTaken(unit, errors);
    }

    /// <summary>
    /// Refuses a name that is another unit's written another way — traditional characters (市商務局) or a known short
    /// form (市发改委 for 市发展和改革委员会): the importer reads such names as one unit, so the registry keeps them as one.
    /// </summary>
    private async Task EnsureNoVariantTakenAsync(ResponsibleUnit unit, CancellationToken cancellationToken)
    {
        var wanted = unit.Names.ToLookup(n => UnitNameVariants.Key(n.Value));
        var others = await (
                from name in db.UnitNames.AsNoTracking()
                join holder in db.Units on name.UnitId equals holder.Id
                where name.Region == unit.Region && name.UnitId != unit.Id
                select new { name.Value, name.UnitId, Holder = holder.Name })
            .ToListAsync(cancellationToken);
        // One message per name and holder, however many of the holder's names it matches.
        var errors = others
            .SelectMany(other => wanted[UnitNameVariants.Key(other.Value)].Select(name => (Field: FieldOf(name.Kind),
                Message: $"{name.Value} is a name of {other.Holder} ({other.UnitId}) in {unit.Region} written another way (traditional characters or a short form).")))
            .Distinct()
            .GroupBy(e => e.Field, e => e.Message)
            .ToDictionary(g => g.Key, g => g.ToArray());
        if (errors.Count > 0)
        {
            throw NameTaken(unit, errors);
        }
    }

    private static string FieldOf(UnitNameKind kind) => kind switch
    {
        UnitNameKind.Name => "name",
        UnitNameKind.ShortName => "shortName",
        _ => "aliases",
    };

    private static ConflictException NameTaken(ResponsibleUnit unit, Dictionary<string, string[]> errors) =>
        new(ProblemTypes.ForRule("unit-name-taken"), $"In {unit.Region}, {string.Join("; ", errors.Values.SelectMany(v => v))}")
        {
            Errors = errors,
        };
}
