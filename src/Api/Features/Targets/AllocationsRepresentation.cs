namespace PolicyApi.Api.Features.Targets;

public sealed record AllocationItem(Guid UnitId, string UnitName, decimal Value);

/// <summary>A target's split into per-unit shares (目标分解), and whether the shares add up to the whole.</summary>
/// <param name="Balanced">True when the shares add up exactly to the target.</param>
/// <param name="Unallocated">The part of the target no unit holds (target − shares).</param>
public sealed record AllocationsResponse(Guid TargetId, string UnitOfMeasure, decimal TargetValue, decimal Allocated, decimal Unallocated, bool Balanced, IReadOnlyList<AllocationItem> Items) : TaggedRepresentation
{
    public static AllocationsResponse From(Target target, IReadOnlyDictionary<Guid, UnitLabel> units)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(units);
        var items = target.Allocations.OrderBy(a => units.GetValueOrDefault(a.UnitId)?.Name, StringComparer.Ordinal).ThenBy(a => a.UnitId).ToList();
        return new(
            target.Id,
            target.UnitOfMeasure,
            target.Value,
            target.Allocated,
            target.Unallocated,
            target.Unallocated == 0,
            [.. items.Select(a => new AllocationItem(a.UnitId, units.GetValueOrDefault(a.UnitId, UnitLabel.Unknown).Name, a.Value))])
        {
            ETag = EntityTags.Of(target.Id, target.Version, items.Select(a => (long)units.GetValueOrDefault(a.UnitId, UnitLabel.Unknown).Version)),
        };
    }
}
