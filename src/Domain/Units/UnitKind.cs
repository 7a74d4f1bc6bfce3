namespace PolicyApi.Domain.Units;

/// <summary>What sort of body a responsible unit is.</summary>
public enum UnitKind
{
    /// <summary>A government department: 市商务局, 市发展改革委.</summary>
    Department,

    /// <summary>A county or district government: 连云区, 东兴市人民政府.</summary>
    DistrictGovernment,

    /// <summary>A functional zone or development area: 市开发区, 徐圩新区, 功能板块.</summary>
    FunctionalZone,

    /// <summary>A vertically managed agency: customs, tax, the central-bank branch, 银保监分局.</summary>
    VerticalAgency,

    Court,

    /// <summary>An association or chamber: 贸促会.</summary>
    Association,

    Other,
}

/// <summary>Why a name of a unit is recorded.</summary>
public enum UnitNameKind
{
    Name,
    ShortName,
    Alias,
}
