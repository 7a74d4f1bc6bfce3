using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PolicyApi.Api.Application;
using PolicyApi.Api.Http;
using PolicyApi.Domain.Common;
using PolicyApi.Domain.Targets;
using PolicyApi.Infrastructure.Persistence;

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

public sealed record AllocationInput(Guid? UnitId, decimal? Value);

public sealed record AllocateTarget : ICommand<AllocationsResponse>
{
    /// <summary>Every unit's share; replaces the previous split. An empty list removes the split.</summary>
    public IReadOnlyList<AllocationInput>? Allocations { get; init; }

    [JsonIgnore]
    public Guid TargetId { get; init; }

    [JsonIgnore]
    public string? IfMatch { get; init; }
}

public sealed class AllocateTargetValidator : AbstractValidator<AllocateTarget>
{
    public AllocateTargetValidator()
    {
        RuleFor(x => x.Allocations).NotNull();
        RuleFor(x => x.Allocations!.Count).LessThanOrEqualTo(500).When(x => x.Allocations is not null).OverridePropertyName("allocations");
        RuleForEach(x => x.Allocations).ChildRules(a =>
        {
            a.RuleFor(x => x.UnitId).NotNull().NotEqual(Guid.Empty);
            a.RuleFor(x => x.Value).NotNull().GreaterThan(0);
        });
    }
}

public sealed class AllocateTargetHandler(PolicyDbContext db, Representations representations) : MediatR.IRequestHandler<AllocateTarget, AllocationsResponse>
{
    public async Task<AllocationsResponse> Handle(AllocateTarget request, CancellationToken cancellationToken)
    {
        var target = await TargetReferences.LoadAsync(db, request.TargetId, cancellationToken);
        var before = await Allocation.NamesAsync(db, target.Allocations.Select(a => a.UnitId), cancellationToken);
        representations.EnsureMatch(request.IfMatch, AllocationsResponse.From(target, before));

        var shares = request.Allocations!.Select(a => (a.UnitId!.Value, a.Value!.Value)).ToList();
        var region = await db.Documents.Where(d => d.Id == target.DocumentId).Select(d => d.Region).SingleAsync(cancellationToken);
        var names = await Allocation.NamesAsync(db, shares.Select(s => s.Item1), cancellationToken, region);
        for (var i = 0; i < shares.Count; i++)
        {
            if (!names.ContainsKey(shares[i].Item1))
            {
                throw new DomainValidationException($"allocations[{i}].unitId", $"{shares[i].Item1} is not a unit of {region}.");
            }
        }

        target.Allocate(shares);
        await db.SaveChangesAsync(cancellationToken);
        return AllocationsResponse.From(target, names);
    }
}

public sealed record GetAllocations(Guid TargetId) : IQuery<AllocationsResponse>;

public sealed class GetAllocationsHandler(PolicyDbContext db) : MediatR.IRequestHandler<GetAllocations, AllocationsResponse>
{
    public async Task<AllocationsResponse> Handle(GetAllocations request, CancellationToken cancellationToken)
    {
        var target = await TargetReferences.LoadAsync(db, request.TargetId, cancellationToken);
        return AllocationsResponse.From(target, await Allocation.NamesAsync(db, target.Allocations.Select(a => a.UnitId), cancellationToken));
    }
}

internal static class Allocation
{
    public static async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(PolicyDbContext db, IEnumerable<Guid> unitIds, CancellationToken cancellationToken, string? region = null)
    {
        var ids = unitIds.Distinct().ToList();
        return await db.Units.AsNoTracking()
            .Where(u => ids.Contains(u.Id) && (region == null || u.Region == region))
            .ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
    }
}
