using Microsoft.EntityFrameworkCore.ChangeTracking;
using PolicyApi.Domain.Common;
using PolicyApi.Domain.Documents;
using PolicyApi.Domain.Reports;
using PolicyApi.Domain.Targets;
using PolicyApi.Domain.Units;

namespace PolicyApi.Infrastructure.ChangeFeed;

/// <summary>
/// Turns the entities a SaveChanges creates, changes or deletes into one change per resource a client sees: a unit's
/// names change the unit, a target's allocations change its allocations, a report's revision changes the report.
/// </summary>
public static class ChangeFeedRecorder
{
    /// <param name="entries">The entries the SaveChanges creates, changes or deletes.</param>
    /// <param name="tracked">Every entry the context tracks: a part's resource may be loaded but unchanged.</param>
    /// <param name="at">When.</param>
    public static IReadOnlyList<ChangeRecord> From(IReadOnlyCollection<EntityEntry> entries, IReadOnlyCollection<EntityEntry> tracked, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(tracked);
        // The tracked resources by id, looked up once per part (an import saves thousands of parts at once).
        var resources = new Dictionary<Guid, EntityEntry>();
        foreach (var entry in tracked)
        {
            if (entry.Entity is VersionedEntity resource)
            {
                resources.TryAdd(resource.Id, entry);
            }
        }

        var byResource = new Dictionary<(ChangedEntity, Guid), ChangeRecord>();
        foreach (var entry in entries)
        {
            if (Resource(entry, resources) is not { } change)
            {
                continue;
            }

            var key = (change.Entity, change.EntityId);
            // The resource's own entry decides the action; its parts only ever update it.
            if (!byResource.TryGetValue(key, out var seen) || (seen.Action == ChangeAction.Updated && change.Action != ChangeAction.Updated))
            {
                byResource[key] = change;
            }
        }

        return [.. byResource.Values.Select(c => new ChangeRecord(c.Entity, c.EntityId, c.Action, c.Version, at, c.ParentId, c.UnitId))];
    }

    private static ChangeRecord? Resource(EntityEntry entry, Dictionary<Guid, EntityEntry> all) => entry.Entity switch
    {
        PolicyDocument d => Own(entry, ChangedEntity.Document, d.Id, parent: null, unit: null),
        Chapter c => Own(entry, ChangedEntity.Chapter, c.Id, c.DocumentId, unit: null),
        Measure m => Own(entry, ChangedEntity.Measure, m.Id, m.DocumentId, unit: null),
        MeasureAssignment a => Own(entry, ChangedEntity.Assignment, a.Id, a.MeasureId, a.UnitId),
        ResponsibleUnit u => Own(entry, ChangedEntity.Unit, u.Id, parent: null, unit: null),
        UnitName n => Part(ChangedEntity.Unit, n.UnitId, all, parent: null, unit: null),
        Target t => Own(entry, ChangedEntity.Target, t.Id, t.DocumentId, unit: null),
        TargetAllocation a => Allocations(a.TargetId, all),
        ProgressReport r => Own(entry, ChangedEntity.ProgressReport, r.Id, parent: null, r.UnitId),
        EvidenceFile f => ReportPart(f.ReportId, all),
        ReportRevision v => ReportPart(v.ReportId, all),
        _ => null,
    };

    private static ChangeRecord Own(EntityEntry entry, ChangedEntity entity, Guid id, Guid? parent, Guid? unit) =>
        new(entity, id, ActionOf(entry.State), entry.State == EntityState.Deleted ? null : ((VersionedEntity)entry.Entity).Version, default, parent, unit);

    /// <summary>A part changed: its resource is updated (at the version its own entry has, when it is saved too).</summary>
    private static ChangeRecord Part(ChangedEntity entity, Guid id, Dictionary<Guid, EntityEntry> all, Guid? parent, Guid? unit) =>
        new(entity, id, ChangeAction.Updated, (all.GetValueOrDefault(id)?.Entity as VersionedEntity)?.Version, default, parent, unit);

    /// <summary>A revision or a file of a report updates the report, when it is tracked (it always is when it changes).</summary>
    private static ChangeRecord? ReportPart(Guid reportId, Dictionary<Guid, EntityEntry> all) =>
        all.GetValueOrDefault(reportId)?.Entity is ProgressReport report
            ? Part(ChangedEntity.ProgressReport, report.Id, all, parent: null, report.UnitId)
            : null;

    /// <summary>A target's allocations live and die with it; between, any change of one updates them all.</summary>
    private static ChangeRecord Allocations(Guid targetId, Dictionary<Guid, EntityEntry> all)
    {
        var target = all.GetValueOrDefault(targetId) is { Entity: Target } found ? found : null;
        var action = target?.State switch
        {
            EntityState.Added => ChangeAction.Created,
            EntityState.Deleted => ChangeAction.Deleted,
            _ => ChangeAction.Updated,
        };
        var version = action == ChangeAction.Deleted ? null : (target?.Entity as Target)?.Version;
        return new ChangeRecord(ChangedEntity.Allocations, targetId, action, version, default, parentId: null, unitId: null);
    }

    private static ChangeAction ActionOf(EntityState state) => state switch
    {
        EntityState.Added => ChangeAction.Created,
        EntityState.Deleted => ChangeAction.Deleted,
        _ => ChangeAction.Updated,
    };
}
