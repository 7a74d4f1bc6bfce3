namespace PolicyApi.Api.Features.Targets;

public sealed record GetTarget([FromRoute(Name = "targetId")] Guid Id) : IQuery<TargetResponse>;

public sealed class GetTargetHandler(TargetReferences targetReferences) : MediatR.IRequestHandler<GetTarget, TargetResponse>
{
    public async Task<TargetResponse> Handle(GetTarget request, CancellationToken cancellationToken) =>
        TargetResponse.From(await targetReferences.LoadAsync(request.Id, cancellationToken));
}

internal static class GetTargetEndpoint
{
    public static void Map(IEndpointRouteBuilder targets) =>
        targets.MapGetResource<GetTarget, TargetResponse>("/{targetId}")
            .Describe("GetTarget", "Read a target", "Returns the target with a strong ETag.");
}
