namespace PolicyApi.Api.Features.Targets;

public sealed record AllocationInput(Guid? UnitId, decimal? Value);

public sealed record AllocateTarget : ICommand<AllocationsResponse>
{
    /// <summary>Every unit's share; replaces the previous split. An empty list removes the split.</summary>
    public IReadOnlyList<AllocationInput>? Allocations { get; init; }

    [JsonIgnore]
    public Guid TargetId { get; init; }
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

public sealed class AllocateTargetHandler(PolicyDbContext db, Units.UnitNameLookup unitNames, TargetReferences targetReferences, Representations representations) : MediatR.IRequestHandler<AllocateTarget, AllocationsResponse>
{
    public async Task<AllocationsResponse> Handle(AllocateTarget request, CancellationToken cancellationToken)
    {
        var target = await targetReferences.LoadAsync(request.TargetId, cancellationToken);
        var before = await unitNames.LabelsAsync(target.Allocations.Select(a => a.UnitId), cancellationToken);
        representations.EnsureMatch(AllocationsResponse.From(target, before));

        var shares = request.Allocations!.Select(a => (a.UnitId!.Value, a.Value!.Value)).ToList();
        var region = await targetReferences.RegionOfAsync(target, cancellationToken);
        var names = await unitNames.LabelsAsync(shares.Select(s => s.Item1), cancellationToken, region);
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

internal static class AllocateTargetEndpoint
{
    public static void Map(IEndpointRouteBuilder targets) =>
        targets.MapPut("/{targetId}/allocations", (Guid targetId, AllocateTarget command, MediatorResults results) => results.OkAsync(command with { TargetId = targetId }))
            .Describe("AllocateTarget", "Split a target into unit shares", "Replaces the whole split. Shares may add up to less than the target (reported as unallocated) but not to more (409 allocations-exceed-target). Only region-wide amounts can be split. Requires If-Match (the ETag of GET …/allocations).")
            .ReplacesResource<AllocateTarget, AllocationsResponse>();
}
