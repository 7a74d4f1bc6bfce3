namespace PolicyApi.Api.Features.Assignments;

public sealed record GetAssignment(Guid MeasureId, Guid AssignmentId) : IQuery<AssignmentResponse>;

public sealed class GetAssignmentHandler(PolicyDbContext db) : MediatR.IRequestHandler<GetAssignment, AssignmentResponse>
{
    public async Task<AssignmentResponse> Handle(GetAssignment request, CancellationToken cancellationToken)
    {
        var row = await db.Assignments.AsNoTracking()
            .Where(a => a.Id == request.AssignmentId && a.MeasureId == request.MeasureId)
            .Select(a => new { Assignment = a, Unit = db.Units.Where(u => u.Id == a.UnitId).Select(u => new UnitLabel(u.Name, u.Version)).First() })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new ResourceNotFoundException("Assignment", request.AssignmentId);
        return AssignmentResponse.From(row.Assignment, row.Unit);
    }
}

internal static class GetAssignmentEndpoint
{
    public static void Map(IEndpointRouteBuilder assignments) =>
        assignments.MapGetResource<GetAssignment, AssignmentResponse>("/{assignmentId}")
            .Describe("GetAssignment", "Read an assignment", "Returns the assignment with a strong ETag.");
}
