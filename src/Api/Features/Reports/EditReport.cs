namespace PolicyApi.Api.Features.Reports;

public sealed record EditReport : ReportFields, ICommand<ReportResponse>
{
    [JsonIgnore]
    public Guid Id { get; init; }
}

public sealed class EditReportValidator : ReportFieldsValidator<EditReport>;

public sealed class EditReportHandler(PolicyDbContext db, ReportSubjects subjects, ICurrentCaller caller, ServiceClock clock, Representations representations) : MediatR.IRequestHandler<EditReport, ReportResponse>
{
    public async Task<ReportResponse> Handle(EditReport request, CancellationToken cancellationToken)
    {
        var (report, unit) = await subjects.LoadAsync(request.Id, cancellationToken);
        return await db.ReplaceAsync(representations, report, r => ReportResponse.From(r, unit), async () =>
        {
            var subject = await subjects.ResolveForCallerAsync(report.UnitId, report.MeasureId, report.TargetId, cancellationToken);
            var content = request.ToContent(subject.Target?.ReportUnitOfMeasure);
            subject.CheckUnitOfMeasure(content.UnitOfMeasure, content.Value);
            await subjects.CheckPlausibleAsync(subject, report.UnitId, report.Id, report.Period, content, cancellationToken);
            report.Edit(content, caller.Actor, clock.Now);
        }, cancellationToken);
    }
}

internal static class EditReportEndpoint
{
    public static void Map(IEndpointRouteBuilder reports) =>
        reports.MapPut("/{reportId}", (Guid reportId, EditReport command, MediatorResults results) => results.OkAsync(command with { Id = reportId }))
            .Describe("EditReport", "Edit a draft or returned report", "Replaces the content; the previous version is kept in the history. A submitted report is under review (409) and an accepted one is final (409). Requires If-Match.")
            .ReplacesResource<EditReport, ReportResponse>();
}
