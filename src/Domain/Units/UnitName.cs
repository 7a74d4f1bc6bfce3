namespace PolicyApi.Domain.Units;

/// <summary>
/// One of the ways a unit is written (its name, short name or an alias) with its comparison key.
/// Every name of every unit of a region is unique there, so a name resolves to exactly one unit.
/// </summary>
public sealed class UnitName
{
    private UnitName()
    {
        Region = null!;
        Value = null!;
        Key = null!;
    }

    internal UnitName(Guid unitId, string region, string value, UnitNameKind kind)
    {
        Id = Guid.CreateVersion7();
        UnitId = unitId;
        Region = region;
        Value = value;
        Key = TextKey.For(value);
        Kind = kind;
    }

    public Guid Id { get; private set; }

    public Guid UnitId { get; private set; }

    [MaxLength(TextLimits.Region)]
    public string Region { get; private set; }

    [MaxLength(TextLimits.UnitName)]
    public string Value { get; private set; }

    [MaxLength(TextLimits.UnitName)]
    public string Key { get; private set; }

    public UnitNameKind Kind { get; private set; }
}
