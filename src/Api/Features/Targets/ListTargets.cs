namespace PolicyApi.Api.Features.Targets;

/// <summary>Targets in the order they were set, filtered.</summary>
/// <param name="DocumentId">Only this document's targets.</param>
/// <param name="MeasureId">Only this measure's targets.</param>
public sealed record ListTargets(
    [FromQuery(Name = "documentId")] Guid? DocumentId,
    [FromQuery(Name = "measureId")] Guid? MeasureId) : ResourceListQuery<TargetResponse>;

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

        return await page.ReadAsync(query.Include(t => t.Allocations).Include(t => t.ScopeUnits).Include(t => t.Milestones).AsSplitQuery(), TargetResponse.From, cancellationToken);
    }
}

internal static class ListTargetsEndpoint
{
    public static void Map(IEndpointRouteBuilder targets) =>
        targets.MapList<ListTargets, TargetResponse>("/")
            .Describe("ListTargets", "List targets", "Filter by document and measure.")
            .WithProblems(400, 404);
}
