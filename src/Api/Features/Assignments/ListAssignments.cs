namespace PolicyApi.Api.Features.Assignments;

/// <summary>A measure's responsible units in the order the document lists them.</summary>
/// <param name="MeasureId">The measure's id (UUID).</param>
/// <param name="UpdatedSince">Only items created or changed at or after this instant (RFC 3339).</param>
/// <param name="Limit">Page size, 1–100 (default 20).</param>
/// <param name="Cursor">The nextCursor of the previous page of this list, under the same filters (another list's cursor is a 400).</param>
public sealed record ListAssignments([FromRoute(Name = "measureId")] Guid MeasureId, [FromQuery(Name = "updatedSince")] DateTimeOffset? UpdatedSince, [FromQuery(Name = "limit")] int? Limit, [FromQuery(Name = "cursor")] string? Cursor) : IQuery<Page<AssignmentResponse>>, IPagedQuery;

public sealed class ListAssignmentsHandler(PolicyDbContext db) : MediatR.IRequestHandler<ListAssignments, Page<AssignmentResponse>>
{
    private sealed record Position(int Sequence);

    public async Task<Page<AssignmentResponse>> Handle(ListAssignments request, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(request.Limit);
        var after = Paging.Decode<Position>(request)?.Sequence ?? 0;
        if (!await db.Measures.AnyAsync(m => m.Id == request.MeasureId, cancellationToken))
        {
            throw new ResourceNotFoundException("Measure", request.MeasureId);
        }

        var rows = await db.Assignments.AsNoTracking().ChangedSince(request.UpdatedSince)
            .Where(a => a.MeasureId == request.MeasureId && a.Sequence > after)
            .OrderBy(a => a.Sequence)
            .Take(limit + 1)
            .Select(a => new { Assignment = a, Unit = db.Units.Where(u => u.Id == a.UnitId).Select(u => new UnitLabel(u.Name, u.Version)).First() })
            .ToListAsync(cancellationToken);
        return Paging.Build(request, rows, limit, r => AssignmentResponse.From(r.Assignment, r.Unit), r => new Position(r.Assignment.Sequence));
    }
}

internal static class ListAssignmentsEndpoint
{
    public static void Map(IEndpointRouteBuilder assignments) =>
        assignments.MapQuery<ListAssignments, Page<AssignmentResponse>>("/")
            .Describe("ListAssignments", "List a measure's responsible units", "In the order the document lists them, with roles.")
            .WithProblems(400, 404);
}
