namespace PolicyApi.Domain.Documents;

/// <summary>What sort of document it is, as its title says (若干措施, 实施意见, 工作方案, 建设方案).</summary>
public enum DocumentKind
{
    Measures,
    ImplementationOpinions,
    WorkPlan,
    ConstructionPlan,
    Other,
}

public enum DocumentStatus
{
    /// <summary>Being entered or imported; not yet the record.</summary>
    Draft,

    /// <summary>In force and tracked.</summary>
    Active,

    /// <summary>Expired, repealed or superseded; kept for the record.</summary>
    Archived,
}

/// <summary>How an item of a document functions, following the careful readings of the seed documents.</summary>
public enum MeasureKind
{
    /// <summary>A numbered measure or task that units carry out.</summary>
    Measure,

    /// <summary>A numbered heading that only groups sub-items (它的一是、二是 carry the work).</summary>
    Heading,

    /// <summary>一是、二是… or 1. 2. under a measure or heading.</summary>
    SubItem,

    /// <summary>指导思想, 建设目标 and the like: numbered, but nobody carries them out.</summary>
    Framing,

    /// <summary>A row of a task decomposition table (任务分解表).</summary>
    Task,
}

/// <summary>The role of a unit on a measure: 牵头, 配合, or a plain 责任单位 list.</summary>
public enum UnitRole
{
    Lead,
    Cooperating,
    Responsible,
}
