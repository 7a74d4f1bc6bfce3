namespace PolicyApi.Api.Features.Reports;

/// <summary>Every kept version of a report, oldest first.</summary>
/// <param name="Id">The progress report's id (UUID).</param>
public sealed record GetReportHistory([FromRoute(Name = "reportId")] Guid Id) : ListQuery<ReportRevisionResponse>;

public sealed class GetReportHistoryHandler(PolicyDbContext db, ReportSubjects subjects) : MediatR.IRequestHandler<GetReportHistory, Page<ReportRevisionResponse>>
{
    public async Task<Page<ReportRevisionResponse>> Handle(GetReportHistory request, CancellationToken cancellationToken)
    {
        var page = KeysetPage.Of<int>(request, "Number");
        var unitId = await db.ProgressReports.Where(r => r.Id == request.Id).Select(r => (Guid?)r.UnitId).SingleOrDefaultAsync(cancellationToken)
            ?? throw new ResourceNotFoundException("Progress report", request.Id);
        subjects.EnsureVisible(unitId, request.Id);

        return await page.ReadAsync(db.ReportRevisions.AsNoTracking().Where(v => v.ReportId == request.Id), v => v.Number, ReportRevisionResponse.From, cancellationToken);
    }
}

internal static class GetReportHistoryEndpoint
{
    public static void Map(IEndpointRouteBuilder reports) =>
        reports.MapList<GetReportHistory, ReportRevisionResponse>("/{reportId}/history")
            .Describe("GetReportHistory", "Every version of a report", "Each change — created, edited, submitted, accepted, returned — with the whole content as it then was, who made it, in which role, and when.")
            .WithProblems(400, 404);
}
