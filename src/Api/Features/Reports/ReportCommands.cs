using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PolicyApi.Api.Application;
using PolicyApi.Api.Http;
using PolicyApi.Domain.Common;
using PolicyApi.Domain.Reports;
using PolicyApi.Domain.Supervision;
using PolicyApi.Infrastructure.Persistence;

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
public sealed class FileReportHandler(PolicyDbContext db, RequestContext context) : MediatR.IRequestHandler<FileReport, ReportResponse>
{
    public async Task<ReportResponse> Handle(FileReport request, CancellationToken cancellationToken)
    {
        var period = ReportingPeriod.Parse(request.Period, "period");
        var subject = await ReportSubjects.ResolveForCallerAsync(db, request.UnitId!.Value, request.MeasureId, request.TargetId, context, cancellationToken);
        subject.CheckPeriod(period);
        var content = request.ToContent(subject.Target?.ReportUnitOfMeasure);
        subject.CheckUnitOfMeasure(content.UnitOfMeasure, content.Value);
        await subject.CheckPlausibleAsync(db, request.UnitId.Value, null, period, content, cancellationToken);

        var measureId = request.MeasureId ?? subject.Target?.MeasureId;
        var existing = await db.ProgressReports.AsNoTracking()
            .Where(r => r.UnitId == request.UnitId && r.MeasureId == measureId && r.TargetId == request.TargetId && r.PeriodCode == period.Code)
            .Select(r => (Guid?)r.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            throw new ConflictException(ProblemTypes.ForRule("report-exists"), $"{subject.UnitName} already has report {existing} for this subject and {period.Code}; edit that one.", "period");
        }

        var report = ProgressReport.Draft(request.UnitId.Value, measureId, request.TargetId, period, content, context.Actor, context.Now);
        db.ProgressReports.Add(report);
        await db.SaveChangesAsync(cancellationToken);
        return ReportResponse.From(report, subject.UnitName);
    }
}

public sealed record EditReport : ReportFields, ICommand<ReportResponse>
{
    [JsonIgnore]
    public Guid Id { get; init; }

    [JsonIgnore]
    public string? IfMatch { get; init; }
}

public sealed class EditReportValidator : ReportFieldsValidator<EditReport>;

public sealed class EditReportHandler(PolicyDbContext db, RequestContext context, Representations representations) : MediatR.IRequestHandler<EditReport, ReportResponse>
{
    public async Task<ReportResponse> Handle(EditReport request, CancellationToken cancellationToken)
    {
        var (report, unitName) = await ReportSubjects.LoadAsync(db, request.Id, context, cancellationToken);
        representations.EnsureMatch(request.IfMatch, ReportResponse.From(report, unitName));
        var subject = await ReportSubjects.ResolveForCallerAsync(db, report.UnitId, report.MeasureId, report.TargetId, context, cancellationToken);
        var content = request.ToContent(subject.Target?.ReportUnitOfMeasure);
        subject.CheckUnitOfMeasure(content.UnitOfMeasure, content.Value);
        await subject.CheckPlausibleAsync(db, report.UnitId, report.Id, report.Period, content, cancellationToken);
        report.Edit(content, context.Actor, context.Now);
        await db.SaveChangesAsync(cancellationToken);
        return ReportResponse.From(report, unitName);
    }
}

public enum ReviewStep
{
    Submit,
    Accept,
    Return,
}

/// <summary>A step of the review workflow. If-Match is optional here: when given, a stale one is a 412.</summary>
public sealed record ReviewReport : ICommand<ReportResponse>
{
    /// <summary>Why the report is returned (required to return; refused otherwise).</summary>
    public string? Reason { get; init; }

    [JsonIgnore]
    public Guid Id { get; init; }

    [JsonIgnore]
    public ReviewStep Step { get; init; }

    [JsonIgnore]
    public string? IfMatch { get; init; }
}

public sealed class ReviewReportValidator : AbstractValidator<ReviewReport>
{
    public ReviewReportValidator()
    {
        RuleFor(x => x.Reason).NotEmpty().MaximumLength(TextLimits.ReturnReason).When(x => x.Step == ReviewStep.Return)
            .WithMessage("A report is returned with a reason (退回原因).");
        RuleFor(x => x.Reason).Empty().When(x => x.Step != ReviewStep.Return).WithMessage("Only a return takes a reason.");
    }
}

public sealed class ReviewReportHandler(PolicyDbContext db, RequestContext context, Representations representations) : MediatR.IRequestHandler<ReviewReport, ReportResponse>
{
    public async Task<ReportResponse> Handle(ReviewReport request, CancellationToken cancellationToken)
    {
        var (report, unitName) = await ReportSubjects.LoadAsync(db, request.Id, context, cancellationToken);
        if (request.IfMatch is not null)
        {
            representations.EnsureMatch(request.IfMatch, ReportResponse.From(report, unitName));
        }

        switch (request.Step)
        {
            case ReviewStep.Submit:
                var subject = await ReportSubjects.ResolveForCallerAsync(db, report.UnitId, report.MeasureId, report.TargetId, context, cancellationToken);
                subject.CheckReadyToSubmit(report);
                await subject.CheckPlausibleAsync(db, report.UnitId, report.Id, report.Period,
                    new ReportContent(report.Value, report.UnitOfMeasure, null, null, null, null, [], report.Correction), cancellationToken);
                report.Submit(context.Actor, context.Now);
                break;
            case ReviewStep.Accept:
                await EnsureNotOwnSubmissionAsync(report, cancellationToken);
                report.Accept(context.Actor, context.Now);
                break;
            default:
                await EnsureNotOwnSubmissionAsync(report, cancellationToken);
                report.Return(request.Reason!, context.Actor, context.Now);
                break;
        }

        await db.SaveChangesAsync(cancellationToken);
        return ReportResponse.From(report, unitName);
    }

    /// <summary>Nobody reviews a report they submitted: the review must come from someone else.</summary>
    private async Task EnsureNotOwnSubmissionAsync(ProgressReport report, CancellationToken cancellationToken)
    {
        var submitter = await db.ReportRevisions.AsNoTracking()
            .Where(v => v.ReportId == report.Id && v.Status == ReportStatus.Submitted)
            .OrderByDescending(v => v.Number)
            .Select(v => v.ActorSubject)
            .FirstOrDefaultAsync(cancellationToken);
        if (submitter is not null && submitter == context.Actor.Subject)
        {
            throw new ForbiddenException(ProblemTypes.ForRule("own-submission"), "You submitted this report; someone else must review it.");
        }
    }
}
