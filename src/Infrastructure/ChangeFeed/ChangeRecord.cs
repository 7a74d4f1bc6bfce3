namespace PolicyApi.Infrastructure.ChangeFeed;

/// <summary>The resources the change feed reports, as a client names them.</summary>
public enum ChangedEntity
{
    Document,
    Chapter,
    Measure,
    Assignment,
    Unit,
    Target,
    Allocations,
    ProgressReport,
}

public enum ChangeAction
{
    Created,
    Updated,
    Deleted,
}

/// <summary>
/// One committed change of a resource, in commit order: <see cref="Sequence"/> is given out while the writer holds
/// the audit chain's lock, which it keeps until it commits, so sequence order is commit order and a follower that
/// reads past a sequence never meets a smaller one later.
/// </summary>
public sealed class ChangeRecord(ChangedEntity entity, Guid entityId, ChangeAction action, int? version, DateTimeOffset at, Guid? parentId, Guid? unitId)
{
    public long Sequence { get; private set; }

    public ChangedEntity Entity { get; private set; } = entity;

    public Guid EntityId { get; private set; } = entityId;

    public ChangeAction Action { get; private set; } = action;

    /// <summary>The resource's version after the change; null for a delete.</summary>
    public int? Version { get; private set; } = version;

    public DateTimeOffset At { get; private set; } = at;

    /// <summary>The resource the changed one lives under (a chapter's document, an assignment's measure), to address it.</summary>
    public Guid? ParentId { get; private set; } = parentId;

    /// <summary>The unit a report or an assignment belongs to: a reporter follows only its own.</summary>
    public Guid? UnitId { get; private set; } = unitId;
}

/// <summary>How far the feed has been trimmed: a follower behind this sequence has missed changes and must resync.</summary>
public sealed class ChangeFeedHorizon
{
    public const int SingletonId = 1;

    public int Id { get; private set; } = SingletonId;

    public long PurgedThrough { get; set; }
}
