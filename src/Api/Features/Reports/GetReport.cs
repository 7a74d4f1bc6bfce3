namespace PolicyApi.Api.Features.Reports;

public sealed record GetReport([FromRoute(Name = "reportId")] Guid Id) : IQuery<ReportResponse>;

public sealed class GetReportHandler(PolicyDbContext db, ReportSubjects subjects) : MediatR.IRequestHandler<GetReport, ReportResponse>
{
    public async Task<ReportResponse> Handle(GetReport request, CancellationToken cancellationToken)
    {
        var row = await db.ProgressReports.AsNoTracking()
            .Where(r => r.Id == request.Id)
            .Select(r => new { Report = r, Unit = db.Units.Where(u => u.Id == r.UnitId).Select(u => new UnitLabel(u.Name, u.Version)).First() })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new ResourceNotFoundException("Progress report", request.Id);
        subjects.EnsureVisible(row.Report.UnitId, request.Id);
        return ReportResponse.From(row.Report, row.Unit);
    }
}

internal static class GetReportEndpoint
{
    public static void Map(IEndpointRouteBuilder reports) =>
        reports.MapGetResource<GetReport, ReportResponse>("/{reportId}")
            .Describe("GetReport", "Read a progress report", "Returns the current version with a strong ETag.");
}
