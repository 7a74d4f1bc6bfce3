namespace PolicyApi.Api.Features.Targets;

/// <summary>Targets in the order they were set, filtered.</summary>
/// <param name="DocumentId">Only this document's targets.</param>
/// <param name="MeasureId">Only this measure's targets.</param>
public sealed record ListTargets(Guid? DocumentId, Guid? MeasureId) : ResourceListQuery<TargetResponse>;

public sealed class ListTargetsHandler(PolicyDbContext db) : MediatR.IRequestHandler<ListTargets, Page<TargetResponse>>
{
    public async Task<Page<TargetResponse>> Handle(ListTargets request, CancellationToken cancellationToken)
    {
        var page = IdPage.Of(request);
        if (request.DocumentId is { } documentId)
        {
            await db.Documents.MustHoldAsync(documentId, "Document", cancellationToken);
        }

        var query = db.Targets.AsNoTracking().ChangedSince(request.UpdatedSince)
            .WhereGiven(request.DocumentId, documentId => t => t.DocumentId == documentId)
            .WhereGiven(request.MeasureId, measureId => t => t.MeasureId == measureId);

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
