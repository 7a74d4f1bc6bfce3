namespace PolicyApi.Api.Features.Reports;

/// <summary>A correction of an accepted report: the whole corrected content and why (更正说明).</summary>
public sealed record CorrectReport : ReportFields, ICommand<ReportResponse>
{
    /// <summary>Why the accepted figures are corrected, e.g. 6月数据漏报一个项目，更正为760万美元.</summary>
    public string? Reason { get; init; }

    [JsonIgnore]
    public Guid Id { get; init; }
}

public sealed class CorrectReportValidator : ReportFieldsValidator<CorrectReport>
{
    public CorrectReportValidator()
    {
        RuleFor(x => x.Reason).NotEmpty().MaximumLength(TextLimits.ReturnReason).WithMessage("A correction says why (更正说明).");
    }
}

public sealed class CorrectReportHandler(PolicyDbContext db, ReportSubjects subjects, ICurrentCaller caller, ServiceClock clock)
    : MediatR.IRequestHandler<CorrectReport, ReportResponse>
{
    public async Task<ReportResponse> Handle(CorrectReport request, CancellationToken cancellationToken)
    {
        var (report, unit) = await subjects.LoadAsync(request.Id, cancellationToken);
        var subject = await subjects.ResolveForCallerAsync(report.UnitId, report.MeasureId, report.TargetId, cancellationToken);
        var content = request.ToContent(subject.Target?.ReportUnitOfMeasure);
        subject.CheckUnitOfMeasure(content.UnitOfMeasure, content.Value);
        await subjects.CheckPlausibleAsync(subject, report.UnitId, report.Id, report.Period, content, cancellationToken);
        report.ProposeCorrection(content, request.Reason!, caller.Actor, clock.Now);
        await db.SaveChangesAsync(cancellationToken);
        return ReportResponse.From(report, unit);
    }
}

public enum CorrectionVerdict
{
    Accept,
    Reject,
}

/// <summary>A supervisor's verdict on a proposed correction.</summary>
public sealed record ReviewCorrection : ReportDecision<CorrectionVerdict>
{
    /// <summary>Why the correction is turned down (required to reject; refused to accept).</summary>
    public override string? Reason { get; init; }
}

public sealed class ReviewCorrectionValidator()
    : ReportDecisionValidator<ReviewCorrection, CorrectionVerdict>(CorrectionVerdict.Reject, "A correction is turned down with a reason.", "Only a rejection takes a reason.");

public sealed class ReviewCorrectionHandler(PolicyDbContext db, ReportSubjects subjects, ICurrentCaller caller, ServiceClock clock)
    : MediatR.IRequestHandler<ReviewCorrection, ReportResponse>
{
    public async Task<ReportResponse> Handle(ReviewCorrection request, CancellationToken cancellationToken)
    {
        var (report, unit) = await subjects.LoadAsync(request.Id, cancellationToken);
        var proposal = await db.ReportRevisions.AsNoTracking()
            .Where(v => v.ReportId == report.Id && v.Action == ReportAction.CorrectionProposed)
            .OrderByDescending(v => v.Number)
            .FirstOrDefaultAsync(cancellationToken);
        if (report.CorrectionPending && proposal?.ActorSubject == caller.Actor.Subject)
        {
            throw new ForbiddenException(ProblemTypes.ForRule("own-submission"), "You proposed this correction; someone else must review it.");
        }

        if (request.Step == CorrectionVerdict.Accept)
        {
            report.AcceptCorrection(proposal!, caller.Actor, clock.Now);
        }
        else
        {
            report.RejectCorrection(request.Reason!, caller.Actor, clock.Now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return ReportResponse.From(report, unit);
    }
}

internal static class CorrectReportEndpoint
{
    public static void Map(IEndpointRouteBuilder reports)
    {
        reports.MapPost("/{reportId}/corrections", async (Guid reportId, CorrectReport command, IMediator mediator, Representations representations, HttpContext http, CancellationToken ct) =>
                representations.Ok(http, await mediator.Send(command with { Id = reportId }, ct)))
            .Describe("CorrectReport", "Propose a correction of an accepted report", "The whole corrected content and a reason. The accepted content goes on counting — in attainment, rankings and bulletins, now and as of earlier dates — until a supervisor accepts the correction; the proposal is kept in the history. 409 unless the report is accepted, or while another correction waits.")
            .Accepts<CorrectReport>("application/json")
            .Produces<ReportResponse>()
            .Idempotent()
            .WithProblems(400, 404, 409, 413, 415, 422);

        foreach (var (verdict, path, summary, detail) in new[]
        {
            (CorrectionVerdict.Accept, "accept", "Accept a proposed correction", "The report takes the corrected content (a new revision); figures as of earlier dates stay as they were. Not by whoever proposed it (403)."),
            (CorrectionVerdict.Reject, "reject", "Turn a proposed correction down", "With a reason; the accepted content stands. Not by whoever proposed it (403)."),
        })
        {
            reports.MapPost($"/{{reportId}}/corrections/{path}", async (Guid reportId, [FromBody] ReviewCorrection? command, IMediator mediator, Representations representations, HttpContext http, CancellationToken ct) =>
                    representations.Ok(http, await mediator.Send((command ?? new ReviewCorrection()) with { Id = reportId, Step = verdict }, ct)))
                .Describe(verdict == CorrectionVerdict.Accept ? "AcceptCorrection" : "RejectCorrection", summary, detail)
                .Accepts<ReviewCorrection>("application/json")
                .Produces<ReportResponse>()
                .Idempotent()
                .WithProblems(400, 403, 404, 409, 413, 415);
        }
    }
}
