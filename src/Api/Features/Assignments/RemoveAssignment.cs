namespace PolicyApi.Api.Features.Assignments;

public sealed record RemoveAssignment(Guid MeasureId, Guid AssignmentId) : ICommand;

public sealed class RemoveAssignmentHandler(PolicyDbContext db, Documents.DocumentLoader loader, Representations representations)
    : AsyncRequestHandler<RemoveAssignment>
{
    protected override async Task Handle(RemoveAssignment request, CancellationToken cancellationToken)
    {
        var (document, assignment, unit) = await loader.LoadAssignmentAsync(request.MeasureId, request.AssignmentId, cancellationToken);
        await db.DeletePartAsync(representations, AssignmentResponse.From(assignment, unit), () => document.UnassignUnit(request.MeasureId, request.AssignmentId), cancellationToken);
    }
}

internal static class RemoveAssignmentEndpoint
{
    public static void Map(IEndpointRouteBuilder assignments) =>
        assignments.MapDeleteResource<RemoveAssignment>("/{assignmentId}", 400, 404)
            .Describe("RemoveAssignment", "Remove a unit from a measure", "Requires If-Match.");
}
