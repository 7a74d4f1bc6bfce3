namespace PolicyApi.Api.Features.Targets;

public sealed record GetTarget(Guid Id) : IQuery<TargetResponse>;

public sealed class GetTargetHandler(TargetReferences targetReferences) : MediatR.IRequestHandler<GetTarget, TargetResponse>
{
    public async Task<TargetResponse> Handle(GetTarget request, CancellationToken cancellationToken) =>
        TargetResponse.From(await targetReferences.LoadAsync(request.Id, cancellationToken));
}

internal static class GetTargetEndpoint
{
    public static void Map(IEndpointRouteBuilder targets) =>
        targets.MapGet("/{targetId}", async (Guid targetId, IMediator mediator, Representations representations, HttpContext http, CancellationToken ct) =>
                representations.Ok(http, await mediator.Send(new GetTarget(targetId), ct)))
            .Describe("GetTarget", "Read a target", "Returns the target with a strong ETag.")
            .ServesResource<TargetResponse>();
}
