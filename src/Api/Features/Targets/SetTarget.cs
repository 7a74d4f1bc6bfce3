namespace PolicyApi.Api.Features.Targets;

public sealed record SetTarget : TargetFields, ICommand<TargetResponse>
{
    [JsonIgnore]
    public Guid DocumentId { get; init; }
}

public sealed class SetTargetValidator : TargetFieldsValidator<SetTarget>;

public sealed class SetTargetHandler(PolicyDbContext db, TargetReferences targetReferences) : MediatR.IRequestHandler<SetTarget, TargetResponse>
{
    public async Task<TargetResponse> Handle(SetTarget request, CancellationToken cancellationToken)
    {
        var region = await db.Documents.Where(d => d.Id == request.DocumentId).Select(d => d.Region).SingleOrDefaultAsync(cancellationToken)
            ?? throw new ResourceNotFoundException("Document", request.DocumentId);
        var target = Target.Set(request.DocumentId, request.ToDetails());
        await targetReferences.CheckAsync(target, region, cancellationToken);
        return await db.CreateAsync(target, TargetResponse.From, cancellationToken);
    }
}

internal static class SetTargetEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/documents/{documentId}/targets", (Guid documentId, SetTarget command, MediatorResults results) =>
                results.CreatedAsync(command with { DocumentId = documentId }, created => $"/api/v1/targets/{created.Id}"))
            .WithTags("Targets")
            .Describe("SetTarget", "Set a target of a document", "A quantity the document commits to: indicator, unit of measure, comparator, value, period, accumulation and scope. A baseline makes it a growth target (同比增长20%以上); scope eachUnit with scopeUnitIds binds each unit on its own (每个县区不少于4次).")
            .CreatesResource<SetTarget, TargetResponse>(400, 404, 409, 413, 415);
}
