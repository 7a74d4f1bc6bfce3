using System.Linq.Expressions;

namespace PolicyApi.Api.Features.Reports;

/// <summary>A progress report as the API serves it; correctionPending: a correction of the accepted report waits for review (its content is in the history).</summary>
public sealed record ReportResponse(
    Guid Id,
    Guid UnitId,
    string UnitName,
    Guid? MeasureId,
    Guid? TargetId,
    string Period,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    decimal? Value,
    string? UnitOfMeasure,
    string? Narrative,
    string? Problems,
    string? NextSteps,
    SelfAssessment? SelfAssessment,
    IReadOnlyList<string> EvidenceLinks,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Correction,
    ReportStatus Status,
    bool CorrectionPending,
    string? ReturnReason,
    int Revision,
    string CreatedBy,
    DateTimeOffset? FirstSubmittedAt,
    DateTimeOffset? SubmittedAt,
    string? SubmittedBy,
    DateTimeOffset? ReviewedAt,
    string? ReviewedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : TaggedRepresentation
{
    public static ReportResponse From(ProgressReport r, UnitLabel unit)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(unit);
        return new(
            r.Id, r.UnitId, unit.Name, r.MeasureId, r.TargetId, r.PeriodCode, r.PeriodStart, r.PeriodEnd, r.Value, r.UnitOfMeasure,
            r.Narrative, r.Problems, r.NextSteps, r.SelfAssessment, r.EvidenceLinks, r.Correction, r.Status, r.CorrectionPending, r.ReturnReason, r.Revision, r.CreatedBy,
            r.FirstSubmittedAt, r.SubmittedAt, r.SubmittedBy, r.ReviewedAt, r.ReviewedBy, r.CreatedAt, r.UpdatedAt)
        {
            ETag = EntityTags.Of(r.Id, r.Version, unit.Version),
        };
    }

    /// <summary>What the representation embeds: the unit's name and version, read with the report.</summary>
    public static Expression<Func<ProgressReport, UnitLabel>> Unit(PolicyDbContext db) => UnitLabel.Of<ProgressReport>(db, r => r.UnitId);
}

/// <summary>One kept version of a report.</summary>
public sealed record ReportRevisionResponse(
    int Revision,
    ReportAction Action,
    ReportStatus Status,
    decimal? Value,
    string? UnitOfMeasure,
    string? Narrative,
    string? Problems,
    string? NextSteps,
    SelfAssessment? SelfAssessment,
    IReadOnlyList<string> EvidenceLinks,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Correction,
    string? ReturnReason,
    string ChangedBy,
    string? ChangedByRole,
    Guid? ChangedByUnitId,
    DateTimeOffset ChangedAt)
{
    public static ReportRevisionResponse From(ReportRevision v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new(v.Number, v.Action, v.Status, v.Value, v.UnitOfMeasure, v.Narrative, v.Problems, v.NextSteps, v.SelfAssessment, v.EvidenceLinks, v.Correction, v.ReturnReason, v.ActorSubject, v.ActorRole, v.ActorUnitId, v.At);
    }
}

/// <summary>What a unit writes in a report.</summary>
public abstract record ReportFields
{
    /// <summary>The figure for the period in the target's unit of measure: the total to date for cumulative targets, the period's increment for increments, the level for levels.</summary>
    public decimal? Value { get; init; }

    /// <summary>Defaults to the target's; anything else is refused.</summary>
    public string? UnitOfMeasure { get; init; }

    /// <summary>进展情况.</summary>
    public string? Narrative { get; init; }

    /// <summary>困难问题.</summary>
    public string? Problems { get; init; }

    /// <summary>下一步工作.</summary>
    public string? NextSteps { get; init; }

    public SelfAssessment? SelfAssessment { get; init; }

    /// <summary>Links to evidence (http or https).</summary>
    public IReadOnlyList<string>? EvidenceLinks { get; init; }

    /// <summary>
    /// Why the figure departs from the unit's earlier ones — a total to date below an earlier period's, or a negative
    /// amount — e.g. "3月数据重复统计了一个项目，更正为…". Without it such a figure is refused (422).
    /// </summary>
    public string? Correction { get; init; }

    public ReportContent ToContent(string? defaultUnitOfMeasure) =>
        new(Value, UnitOfMeasure ?? defaultUnitOfMeasure, Narrative, Problems, NextSteps, SelfAssessment, EvidenceLinks ?? [], Correction);
}

public abstract class ReportFieldsValidator<T> : AbstractValidator<T>
    where T : ReportFields
{
    protected ReportFieldsValidator()
    {
        RuleFor(x => x.UnitOfMeasure).MaximumLength(TextLimits.UnitOfMeasure);
        RuleFor(x => x.Narrative).MaximumLength(TextLimits.Narrative);
        RuleFor(x => x.Problems).MaximumLength(TextLimits.Narrative);
        RuleFor(x => x.NextSteps).MaximumLength(TextLimits.Narrative);
        RuleFor(x => x.SelfAssessment).IsInEnum();
        RuleFor(x => x.Correction).MaximumLength(TextLimits.ReturnReason);
        RuleFor(x => x.EvidenceLinks!.Count).LessThanOrEqualTo(TextLimits.EvidenceLinkCount).When(x => x.EvidenceLinks is not null).OverridePropertyName("evidenceLinks");
        RuleForEach(x => x.EvidenceLinks).NotEmpty().MaximumLength(TextLimits.EvidenceLink)
            .Must(link => Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            .WithMessage("An evidence link is an absolute http(s) URL.");
    }
}
