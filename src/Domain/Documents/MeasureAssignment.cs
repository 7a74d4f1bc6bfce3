namespace PolicyApi.Domain.Documents;

/// <summary>One responsible unit of one measure, with its role (牵头 / 配合 / 责任单位).</summary>
public sealed class MeasureAssignment : VersionedEntity
{
    private MeasureAssignment()
    {
    }

    internal MeasureAssignment(Guid measureId, Guid unitId, UnitRole role, int sequence)
    {
        MeasureId = measureId;
        UnitId = unitId;
        Role = Check.Defined(role, "role");
        Sequence = sequence;
    }

    public Guid MeasureId { get; private set; }

    public Guid UnitId { get; private set; }

    public UnitRole Role { get; private set; }

    /// <summary>Order in which the document lists the unit (the first 牵头 unit leads the leads).</summary>
    public int Sequence { get; private set; }

    internal void ChangeRole(UnitRole role)
    {
        Role = Check.Defined(role, "role");
        Changed();
    }
}
