namespace PolicyApi.Api.Features.Reports;

public enum ReviewStep
{
    Submit,
    Accept,
    Return,
}

/// <summary>
/// A decision on a report, its step chosen by the route (submit, accept, return; accept or reject a correction), that
/// one step takes a reason for — a return, a rejection — and the others refuse.
/// </summary>
public abstract record ReportDecision<TStep> : ICommand<ReportResponse>
    where TStep : struct, Enum
{
    /// <summary>Why: required for the step that takes a reason, refused for the others.</summary>
    public abstract string? Reason { get; init; }

    [JsonIgnore]
    public Guid Id { get; init; }

    [JsonIgnore]
    public TStep Step { get; init; }
}

/// <summary>The reason that one step of a decision requires and its other steps refuse.</summary>
public abstract class ReportDecisionValidator<T, TStep> : AbstractValidator<T>
    where T : ReportDecision<TStep>
    where TStep : struct, Enum
{
    protected ReportDecisionValidator(TStep reasoned, string reasonRequired, string reasonRefused)
    {
        RuleFor(x => x.Reason).NotEmpty().MaximumLength(TextLimits.ReturnReason).When(x => x.Step.Equals(reasoned)).WithMessage(reasonRequired);
        RuleFor(x => x.Reason).Empty().When(x => !x.Step.Equals(reasoned)).WithMessage(reasonRefused);
    }
}

/// <summary>A step of the review workflow. If-Match is optional here: when given, a stale one is a 412.</summary>
public sealed record ReviewReport : ReportDecision<ReviewStep>
{
    /// <summary>Why the report is returned (required to return; refused otherwise).</summary>
    public override string? Reason { get; init; }

    [JsonIgnore]
    public string? IfMatch { get; init; }
}

public sealed class ReviewReportValidator()
    : ReportDecisionValidator<ReviewReport, ReviewStep>(ReviewStep.Return, "A report is returned with a reason (退回原因).", "Only a return takes a reason.");

public sealed class ReviewReportHandler(PolicyDbContext db, ReportSubjects subjects, ICurrentCaller caller, ServiceClock clock, Representations representations) : MediatR.IRequestHandler<ReviewReport, ReportResponse>
{
    public async Task<ReportResponse> Handle(ReviewReport request, CancellationToken cancellationToken)
    {
        var (report, unit) = await subjects.LoadAsync(request.Id, cancellationToken);
        if (request.IfMatch is not null)
        {
            representations.EnsureMatch(request.IfMatch, ReportResponse.From(report, unit));
        }

        switch (request.Step)
        {
            case ReviewStep.Submit:
                var subject = await subjects.ResolveForCallerAsync(report.UnitId, report.MeasureId, report.TargetId, cancellationToken);
                subject.CheckReadyToSubmit(report);
                await subjects.CheckPlausibleAsync(subject, report.UnitId, report.Id, report.Period,
                    new ReportContent(report.Value, report.UnitOfMeasure, null, null, null, null, [], report.Correction), cancellationToken);
                report.Submit(caller.Actor, clock.Now);
                break;
            case ReviewStep.Accept:
                await EnsureNotOwnSubmissionAsync(report, cancellationToken);
                report.Accept(caller.Actor, clock.Now);
                break;
            default:
                await EnsureNotOwnSubmissionAsync(report, cancellationToken);
                report.Return(request.Reason!, caller.Actor, clock.Now);
                break;
        }

        await db.SaveChangesAsync(cancellationToken);
        return ReportResponse.From(report, unit);
    }

    /// <summary>Nobody reviews a report they submitted: the review must come from someone else.</summary>
    private async Task EnsureNotOwnSubmissionAsync(ProgressReport report, CancellationToken cancellationToken)
    {
        var submitter = await db.ReportRevisions.AsNoTracking()
            .Where(v => v.ReportId == report.Id && v.Status == ReportStatus.Submitted)
            .OrderByDescending(v => v.Number)
            .Select(v => v.ActorSubject)
            .FirstOrDefaultAsync(cancellationToken);
        if (submitter is not null && submitter == caller.Actor.Subject)
        {
            throw new ForbiddenException(ProblemTypes.ForRule("own-submission"), "You submitted this report; someone else must review it.");
        }
    }
}

internal static class ReviewReportEndpoint
{
    public static void Map(IEndpointRouteBuilder reports)
    {
        MapStep(reports, "submit", ReviewStep.Submit, "SubmitReport", "Submit a report for review", "Draft or returned → submitted. Submitting twice is a 409.");
        MapStep(reports, "accept", ReviewStep.Accept, "AcceptReport", "Accept a submitted report", "Submitted → accepted (final). Accepting a draft is a 409.");
        MapStep(reports, "return", ReviewStep.Return, "ReturnReport", "Return a submitted report with a reason", "Submitted → returned; the unit edits and submits again. A reason is required (400).");
    }

    private static void MapStep(IEndpointRouteBuilder reports, string step, ReviewStep kind, string name, string summary, string description) =>
        reports.MapPost($"/{{reportId}}/{step}", async (Guid reportId, [FromBody] ReviewReport? command, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator, Representations representations, HttpContext http, CancellationToken ct) =>
                representations.Ok(http, await mediator.Send((command ?? new ReviewReport()) with { Id = reportId, Step = kind, IfMatch = ifMatch }, ct)))
            .Describe(name, summary, description + " If-Match is optional: when given and stale, 412. With an Idempotency-Key a retried step replays its first answer.")
            .Accepts<ReviewReport>("application/json")
            .Produces<ReportResponse>()
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .Idempotent()
            .WithProblems(400, 404, 409, 413, 415);
}
