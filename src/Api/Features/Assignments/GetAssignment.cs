namespace PolicyApi.Api.Features.Assignments;

public sealed record GetAssignment(Guid MeasureId, Guid AssignmentId) : IQuery<AssignmentResponse>;

public sealed class GetAssignmentHandler(PolicyDbContext db) : MediatR.IRequestHandler<GetAssignment, AssignmentResponse>
{
    public Task<AssignmentResponse> Handle(GetAssignment request, CancellationToken cancellationToken) =>
        db.Assignments.AsNoTracking().Where(a => a.Id == request.AssignmentId && a.MeasureId == request.MeasureId)
            .ReadOneAsync(AssignmentResponse.Unit(db), AssignmentResponse.From, "Assignment", request.AssignmentId, cancellationToken);
}

internal static class GetAssignmentEndpoint
{
    public static void Map(IEndpointRouteBuilder assignments) =>
        assignments.MapGetResource<GetAssignment, AssignmentResponse>("/{assignmentId}")
            .Describe("GetAssignment", "Read an assignment", "Returns the assignment with a strong ETag.");
}
