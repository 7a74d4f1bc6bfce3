namespace PolicyApi.Api.Features.Reports;

/// <summary>Every kept version of a report, oldest first.</summary>
/// <param name="Id">The progress report's id (UUID).</param>
/// <param name="Limit">Page size, 1–100 (default 20).</param>
/// <param name="Cursor">The nextCursor of the previous page of this list, under the same filters (another list's cursor is a 400).</param>
public sealed record GetReportHistory([FromRoute(Name = "reportId")] Guid Id, [FromQuery(Name = "limit")] int? Limit, [FromQuery(Name = "cursor")] string? Cursor) : IQuery<Page<ReportRevisionResponse>>, IPagedQuery;

public sealed class GetReportHistoryHandler(PolicyDbContext db, ReportSubjects subjects) : MediatR.IRequestHandler<GetReportHistory, Page<ReportRevisionResponse>>
{
    private sealed record Position(int Number);

    public async Task<Page<ReportRevisionResponse>> Handle(GetReportHistory request, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(request.Limit);
        var after = Paging.Decode<Position>(request)?.Number ?? 0;
        var unitId = await db.ProgressReports.Where(r => r.Id == request.Id).Select(r => (Guid?)r.UnitId).SingleOrDefaultAsync(cancellationToken)
            ?? throw new ResourceNotFoundException("Progress report", request.Id);
        subjects.EnsureVisible(unitId, request.Id);

        var rows = await db.ReportRevisions.AsNoTracking()
            .Where(v => v.ReportId == request.Id && v.Number > after)
            .OrderBy(v => v.Number)
            .Take(limit + 1)
            .ToListAsync(cancellationToken);
        return Paging.Build(request, rows, limit, ReportRevisionResponse.From, v => new Position(v.Number));
    }
}

internal static class GetReportHistoryEndpoint
{
    public static void Map(IEndpointRouteBuilder reports) =>
        reports.MapQuery<GetReportHistory, Page<ReportRevisionResponse>>("/{reportId}/history")
            .Describe("GetReportHistory", "Every version of a report", "Each change — created, edited, submitted, accepted, returned — with the whole content as it then was, who made it, in which role, and when.")
            .WithProblems(400, 404);
}
