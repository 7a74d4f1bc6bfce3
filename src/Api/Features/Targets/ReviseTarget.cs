namespace PolicyApi.Api.Features.Targets;

public sealed record ReviseTarget : TargetFields, ICommand<TargetResponse>
{
    [JsonIgnore]
    public Guid Id { get; init; }
}

public sealed class ReviseTargetValidator : TargetFieldsValidator<ReviseTarget>;

public sealed class ReviseTargetHandler(PolicyDbContext db, TargetReferences targetReferences, Representations representations) : MediatR.IRequestHandler<ReviseTarget, TargetResponse>
{
    public async Task<TargetResponse> Handle(ReviseTarget request, CancellationToken cancellationToken)
    {
        var target = await targetReferences.LoadAsync(request.Id, cancellationToken);
        return await db.ReplaceAsync(representations, target, TargetResponse.From,
            () => target.Revise(request.ToDetails()), () => targetReferences.CheckAsync(target, cancellationToken), cancellationToken);
    }
}

internal static class ReviseTargetEndpoint
{
    public static void Map(IEndpointRouteBuilder targets) =>
        targets.MapPut("/{targetId}", (Guid targetId, ReviseTarget command, MediatorResults results) => results.OkAsync(command with { Id = targetId }))
            .Describe("ReviseTarget", "Replace a target", "Replaces every editor-owned field. Requires If-Match.")
            .ReplacesResource<ReviseTarget, TargetResponse>();
}
