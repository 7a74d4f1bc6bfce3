namespace PolicyApi.Api.Features.Reports;

public sealed record DeleteReport([FromRoute(Name = "reportId")] Guid Id) : ICommand;

public sealed class DeleteReportHandler(PolicyDbContext db, ReportSubjects subjects, Representations representations)
    : AsyncRequestHandler<DeleteReport>
{
    protected override async Task Handle(DeleteReport request, CancellationToken cancellationToken)
    {
        var (report, unit) = await subjects.LoadAsync(request.Id, cancellationToken);
        await db.DeleteAsync(representations, report, ReportResponse.From(report, unit), report.EnsureCanBeDeleted, cancellationToken);
    }
}

internal static class DeleteReportEndpoint
{
    public static void Map(IEndpointRouteBuilder reports) =>
        reports.MapDeleteResource<DeleteReport>("/{reportId}", 400, 404, 409)
            .Describe("DeleteReport", "Delete a draft report", "Only a draft that was never submitted (409 otherwise: a submitted report stays in the record). A reporter deletes its own unit's drafts. Requires If-Match.");
}
