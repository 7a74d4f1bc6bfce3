namespace PolicyApi.Api.Features.Reports;

public sealed record DeleteReport(Guid Id, string? IfMatch) : ICommand<MediatR.Unit>;

public sealed class DeleteReportHandler(PolicyDbContext db, ReportSubjects subjects, Representations representations)
    : MediatR.IRequestHandler<DeleteReport, MediatR.Unit>
{
    public async Task<MediatR.Unit> Handle(DeleteReport request, CancellationToken cancellationToken)
    {
        var (report, unit) = await subjects.LoadAsync(request.Id, cancellationToken);
        representations.EnsureMatch(request.IfMatch, ReportResponse.From(report, unit));
        report.EnsureCanBeDeleted();
        db.ProgressReports.Remove(report);
        await db.SaveChangesAsync(cancellationToken);
        return MediatR.Unit.Value;
    }
}

internal static class DeleteReportEndpoint
{
    public static void Map(IEndpointRouteBuilder reports) =>
        reports.MapDelete("/{reportId}", async (Guid reportId, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteReport(reportId, ifMatch), ct);
                return TypedResults.NoContent();
            })
            .Describe("DeleteReport", "Delete a draft report", "Only a draft that was never submitted (409 otherwise: a submitted report stays in the record). A reporter deletes its own unit's drafts. Requires If-Match.")
            .RequireIfMatch()
            .WithProblems(400, 404, 409);
}
