namespace PolicyApi.Api.Features.Targets;

/// <summary>Targets in the order they were set, filtered.</summary>
/// <param name="DocumentId">Only this document's targets.</param>
/// <param name="MeasureId">Only this measure's targets.</param>
/// <param name="UpdatedSince">Only items created or changed at or after this instant (RFC 3339).</param>
/// <param name="Limit">Page size, 1–100 (default 20).</param>
/// <param name="Cursor">The nextCursor of the previous page of this list, under the same filters (another list's cursor is a 400).</param>
public sealed record ListTargets(
    [FromQuery(Name = "documentId")] Guid? DocumentId,
    [FromQuery(Name = "measureId")] Guid? MeasureId,
    [FromQuery(Name = "updatedSince")] DateTimeOffset? UpdatedSince,
    [FromQuery(Name = "limit")] int? Limit,
    [FromQuery(Name = "cursor")] string? Cursor) : IQuery<Page<TargetResponse>>, IPagedQuery;

public sealed class ListTargetsHandler(PolicyDbContext db) : MediatR.IRequestHandler<ListTargets, Page<TargetResponse>>
{
    public async Task<Page<TargetResponse>> Handle(ListTargets request, CancellationToken cancellationToken)
    {
        var page = IdPage.Of(request);
        var query = db.Targets.AsNoTracking().ChangedSince(request.UpdatedSince);
        if (request.DocumentId is { } documentId)
        {
            if (!await db.Documents.AnyAsync(d => d.Id == documentId, cancellationToken))
            {
                throw new ResourceNotFoundException("Document", documentId);
            }

            query = query.Where(t => t.DocumentId == documentId);
        }

        if (request.MeasureId is { } measureId)
        {
            query = query.Where(t => t.MeasureId == measureId);
        }

        var rows = await page.Rows(query.Include(t => t.Allocations).Include(t => t.ScopeUnits).Include(t => t.Milestones))
            .AsSplitQuery().ToListAsync(cancellationToken);
        return page.Build(rows, TargetResponse.From, t => t.Id);
    }
}

internal static class ListTargetsEndpoint
{
    public static void Map(IEndpointRouteBuilder targets) =>
        targets.MapQuery<ListTargets, Page<TargetResponse>>("/")
            .Describe("ListTargets", "List targets", "Filter by document and measure.")
            .WithProblems(400, 404);
}
