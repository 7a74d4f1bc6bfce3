namespace PolicyApi.Api.Features.Assignments;

/// <summary>A measure's responsible units in the order the document lists them.</summary>
/// <param name="MeasureId">The measure's id (UUID).</param>
public sealed record ListAssignments(Guid MeasureId) : ResourceListQuery<AssignmentResponse>;

public sealed class ListAssignmentsHandler(PolicyDbContext db) : MediatR.IRequestHandler<ListAssignments, Page<AssignmentResponse>>
{
    public async Task<Page<AssignmentResponse>> Handle(ListAssignments request, CancellationToken cancellationToken)
    {
        var page = KeysetPage.Of<int>(request, "Sequence");
        await db.Measures.MustHoldAsync(request.MeasureId, "Measure", cancellationToken);
        var assignments = db.Assignments.AsNoTracking().ChangedSince(request.UpdatedSince).Where(a => a.MeasureId == request.MeasureId);
        return await page.ReadWithAsync(assignments, a => a.Sequence, AssignmentResponse.Unit(db), AssignmentResponse.From, cancellationToken);
    }
}

internal static class ListAssignmentsEndpoint
{
    public static void Map(IEndpointRouteBuilder assignments) =>
        assignments.MapList<ListAssignments, AssignmentResponse>("/")
            .Describe("ListAssignments", "List a measure's responsible units", "In the order the document lists them, with roles.")
            .WithProblems(400, 404);
}
