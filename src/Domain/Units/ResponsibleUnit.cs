namespace PolicyApi.Domain.Units;

/// <summary>
/// A unit that carries out measures, registered in one region: 市商务局 of 大连市 is not 市商务局 of
/// 连云港市. It keeps every way it is written (市发改委 = 市发展改革委 = 市发展和改革委员会) so that names
/// in documents resolve to it.
/// </summary>
public sealed class ResponsibleUnit : AggregateRoot
{
    private readonly List<UnitName> _names = [];

    private ResponsibleUnit()
    {
        Region = null!;
        Name = null!;
    }

    [MaxLength(TextLimits.Region)]
    public string Region { get; private set; }

    [MaxLength(TextLimits.UnitName)]
    public string Name { get; private set; }

    [MaxLength(TextLimits.UnitName)]
    public string? ShortName { get; private set; }

    public UnitKind Kind { get; private set; }

    public Guid? ParentId { get; private set; }

    public IReadOnlyList<UnitName> Names => _names;

    public IEnumerable<string> Aliases => _names.Where(n => n.Kind == UnitNameKind.Alias).Select(n => n.Value);

    public static ResponsibleUnit Register(string region, UnitDetails details)
    {
        var unit = new ResponsibleUnit { Region = Check.Required(region, "region", TextLimits.Region) };
        unit.Apply(details);
        return unit;
    }

    public void Revise(UnitDetails details)
    {
        Apply(details);
        Changed();
    }

    /// <summary>
    /// Places the unit under another unit of its region (or at the top when null).
    /// <paramref name="parentOf"/> answers each unit's current parent, so a cycle can be refused.
    /// </summary>
    public void PlaceUnder(ResponsibleUnit? parent, Func<Guid, Guid?> parentOf)
    {
        ArgumentNullException.ThrowIfNull(parentOf);
        if (parent is null)
        {
            ParentId = null;
            return;
        }

        if (parent.Region != Region)
        {
            throw new DomainValidationException("parentId", $"The parent unit belongs to {parent.Region}, not {Region}.");
        }

        for (Guid? ancestor = parent.Id; ancestor is not null; ancestor = parentOf(ancestor.Value))
        {
            if (ancestor == Id)
            {
                throw new DomainValidationException("parentId", "A unit cannot be placed under itself or one of its own sub-units.");
            }
        }

        ParentId = parent.Id;
    }

    private void Apply(UnitDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        Name = Check.Required(details.Name, "name", TextLimits.UnitName);
        ShortName = Check.Optional(details.ShortName, "shortName", TextLimits.UnitName);
        Kind = Check.Defined(details.Kind, "kind");
        if (details.Aliases.Count > TextLimits.AliasCount)
        {
            throw new DomainValidationException("aliases", $"At most {TextLimits.AliasCount} aliases.");
        }

        var wanted = new List<(string Value, UnitNameKind Kind)> { (Name, UnitNameKind.Name) };
        if (ShortName is not null)
        {
            wanted.Add((ShortName, UnitNameKind.ShortName));
        }

        wanted.AddRange(details.Aliases.Select((a, i) => (Check.Required(a, $"aliases[{i}]", TextLimits.UnitName), UnitNameKind.Alias)));

        // The same spelling given twice (an alias equal to the name) is recorded once, under its first role.
        var names = wanted
            .Select(w => new UnitName(Id, Region, w.Value, w.Kind))
            .DistinctBy(n => n.Key)
            .ToList();

        // Keep rows whose spelling and role are unchanged, so a revision touches only what changed.
        _names.RemoveAll(existing => !names.Any(n => n.Key == existing.Key && n.Kind == existing.Kind && n.Value == existing.Value));
        _names.AddRange(names.Where(n => !_names.Any(e => e.Key == n.Key)));
    }
}

public sealed record UnitDetails(string Name, string? ShortName, UnitKind Kind, IReadOnlyList<string> Aliases);
