using PolicyApi.Domain.Targets;

namespace PolicyApi.Api.Features.Targets;

public sealed record AllocationItem(Guid UnitId, string UnitName, decimal Value);

/// <summary>A target's split into per-unit shares (目标分解), and whether the shares add up to the whole.</summary>
/// <param name="Balanced">True when the shares add up exactly to the target.</param>
/// <param name="Unallocated">The part of the target no unit holds (target − shares).</param>
public sealed record AllocationsResponse(Guid TargetId, string UnitOfMeasure, decimal TargetValue, decimal Allocated, decimal Unallocated, bool Balanced, IReadOnlyList<AllocationItem> Items)
{
    public static AllocationsResponse From(Target target, IReadOnlyDictionary<Guid, string> unitNames)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(unitNames);
        return new(
            target.Id,
            target.UnitOfMeasure,
            target.Value,
            target.Allocated,
            target.Unallocated,
            target.Unallocated == 0,
            [.. target.Allocations.OrderBy(a => unitNames.GetValueOrDefault(a.UnitId), StringComparer.Ordinal).ThenBy(a => a.UnitId).Select(a => new AllocationItem(a.UnitId, unitNames.GetValueOrDefault(a.UnitId, string.Empty), a.Value))]);
    }
}
