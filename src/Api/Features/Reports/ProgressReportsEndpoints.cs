namespace PolicyApi.Api.Features.Reports;

/// <summary>The routes of progress reports and their review: /api/v1/progress-reports.</summary>
public static class ProgressReportsEndpoints
{
    public static IEndpointRouteBuilder MapProgressReports(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/v1/progress-reports").WithTags("Progress reports");
        ListReportsEndpoint.Map(reports);
        FileReportEndpoint.Map(reports);
        GetReportEndpoint.Map(reports);
        EditReportEndpoint.Map(reports);
        DeleteReportEndpoint.Map(reports);
        ReviewReportEndpoint.Map(reports);
        GetReportHistoryEndpoint.Map(reports);

        return app;
    }
}
