namespace PolicyApi.Api.Features.Targets;

public sealed record GetAllocations(Guid TargetId) : IQuery<AllocationsResponse>;

public sealed class GetAllocationsHandler(Units.UnitNameLookup unitNames, TargetReferences targetReferences) : MediatR.IRequestHandler<GetAllocations, AllocationsResponse>
{
    public async Task<AllocationsResponse> Handle(GetAllocations request, CancellationToken cancellationToken)
    {
        var target = await targetReferences.LoadAsync(request.TargetId, cancellationToken);
        return AllocationsResponse.From(target, await unitNames.LabelsAsync(target.Allocations.Select(a => a.UnitId), cancellationToken));
    }
}

internal static class GetAllocationsEndpoint
{
    public static void Map(IEndpointRouteBuilder targets) =>
        targets.MapGetResource<GetAllocations, AllocationsResponse>("/{targetId}/allocations")
            .Describe("GetAllocations", "Read a target's split into unit shares (目标分解)", "With the total allocated, the unallocated rest and whether the shares add up to the whole (balanced).");
}
