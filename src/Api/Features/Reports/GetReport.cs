namespace PolicyApi.Api.Features.Reports;

public sealed record GetReport([FromRoute(Name = "reportId")] Guid Id) : IQuery<ReportResponse>;

public sealed class GetReportHandler(PolicyDbContext db, ReportSubjects subjects) : MediatR.IRequestHandler<GetReport, ReportResponse>
{
    public async Task<ReportResponse> Handle(GetReport request, CancellationToken cancellationToken)
    {
        var report = await db.ProgressReports.AsNoTracking().Where(r => r.Id == request.Id)
            .ReadOneAsync(ReportResponse.Unit(db), ReportResponse.From, "Progress report", request.Id, cancellationToken);
        subjects.EnsureVisible(report.UnitId, request.Id);
        return report;
    }
}

internal static class GetReportEndpoint
{
    public static void Map(IEndpointRouteBuilder reports) =>
        reports.MapGetResource<GetReport, ReportResponse>("/{reportId}")
            .Describe("GetReport", "Read a progress report", "Returns the current version with a strong ETag.");
}
