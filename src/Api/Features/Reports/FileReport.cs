namespace PolicyApi.Api.Features.Reports;

public sealed record FileReport : ReportFields, ICommand<ReportResponse>
{
    /// <summary>The reporting unit.</summary>
    public Guid? UnitId { get; init; }

    /// <summary>The measure reported on; with a target, it must be the target's measure.</summary>
    public Guid? MeasureId { get; init; }

    /// <summary>The target reported on.</summary>
    public Guid? TargetId { get; init; }

    /// <summary>The reporting period: 2021, 2021-H1, 2021-Q2, 2021-M06 or 2021-W05 (ISO week).</summary>
    public string? Period { get; init; }
}

public sealed class FileReportValidator : ReportFieldsValidator<FileReport>
{
    public FileReportValidator()
    {
        RuleFor(x => x.UnitId).NotNull().NotEqual(Guid.Empty);
        RuleFor(x => x.Period).NotEmpty();
        RuleFor(x => x.MeasureId).NotNull().When(x => x.TargetId is null).WithMessage("A report is about a measure, a target, or both.");
    }
}

/// <summary>Opens a draft report. The unit must be responsible for the subject, and the period must lie within the target's.</summary>
public sealed class FileReportHandler(PolicyDbContext db, ReportSubjects subjects, ICurrentCaller caller, ServiceClock clock) : MediatR.IRequestHandler<FileReport, ReportResponse>
{
    public async Task<ReportResponse> Handle(FileReport request, CancellationToken cancellationToken)
    {
        var period = ReportingPeriod.Parse(request.Period, "period");
        var subject = await subjects.ResolveForCallerAsync(request.UnitId!.Value, request.MeasureId, request.TargetId, cancellationToken);
        subject.CheckPeriod(period);
        var content = request.ToContent(subject.Target?.ReportUnitOfMeasure);
        subject.CheckUnitOfMeasure(content.UnitOfMeasure, content.Value);
        await subjects.CheckPlausibleAsync(subject, request.UnitId.Value, null, period, content, cancellationToken);

        var measureId = request.MeasureId ?? subject.Target?.MeasureId;
        var existing = await db.ProgressReports.AsNoTracking()
            .Where(r => r.UnitId == request.UnitId && r.MeasureId == measureId && r.TargetId == request.TargetId && r.PeriodCode == period.Code)
            .Select(r => (Guid?)r.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            throw new ConflictException(ProblemTypes.ForRule("report-exists"), $"{subject.UnitName} already has report {existing} for this subject and {period.Code}; edit that one.", "period");
        }

        var report = ProgressReport.Draft(request.UnitId.Value, measureId, request.TargetId, period, content, caller.Actor, clock.Now);
        return await db.CreateAsync(report, r => ReportResponse.From(r, subject.Unit), cancellationToken);
    }
}

internal static class FileReportEndpoint
{
    public static void Map(IEndpointRouteBuilder reports) =>
        reports.MapPost("/", (FileReport command, MediatorResults results) => results.CreatedAsync(command, created => $"/api/v1/progress-reports/{created.Id}"))
            .Describe("FileReport", "Open a progress report (draft)", "One report per unit, subject and period (409 report-exists). The unit must be responsible for the subject (409 unit-not-responsible); the period must lie within the target's (400 period); the value must be in the target's unit of measure (400 unitOfMeasure).")
            .CreatesResource<FileReport, ReportResponse>(400, 409, 413, 415);
}
