namespace PolicyApi.Api.Features.Assignments;

public sealed record ChangeAssignmentRole : ICommand<AssignmentResponse>
{
    public UnitRole? Role { get; init; }

    [JsonIgnore]
    public Guid MeasureId { get; init; }

    [JsonIgnore]
    public Guid AssignmentId { get; init; }
}

public sealed class ChangeAssignmentRoleValidator : AbstractValidator<ChangeAssignmentRole>
{
    public ChangeAssignmentRoleValidator() => RuleFor(x => x.Role).NotNull().IsInEnum();
}

public sealed class ChangeAssignmentRoleHandler(PolicyDbContext db, Documents.DocumentLoader loader, Representations representations)
    : MediatR.IRequestHandler<ChangeAssignmentRole, AssignmentResponse>
{
    public async Task<AssignmentResponse> Handle(ChangeAssignmentRole request, CancellationToken cancellationToken)
    {
        var (document, assignment, unit) = await loader.LoadAssignmentAsync(request.MeasureId, request.AssignmentId, cancellationToken);
        return await db.ReplaceAsync(representations, assignment, a => AssignmentResponse.From(a, unit),
            () => document.ChangeAssignmentRole(request.MeasureId, request.AssignmentId, request.Role!.Value), cancellationToken);
    }
}

internal static class ChangeAssignmentRoleEndpoint
{
    public static void Map(IEndpointRouteBuilder assignments) =>
        assignments.MapPut("/{assignmentId}", (Guid measureId, Guid assignmentId, ChangeAssignmentRole command, MediatorResults results) =>
                results.OkAsync(command with { MeasureId = measureId, AssignmentId = assignmentId }))
            .Describe("ChangeAssignmentRole", "Change a unit's role on a measure", "Requires If-Match.")
            .ReplacesResource<ChangeAssignmentRole, AssignmentResponse>();
}
