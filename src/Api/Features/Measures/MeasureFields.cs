namespace PolicyApi.Api.Features.Measures;

/// <summary>The fields of a measure its editors own.</summary>
public abstract record MeasureFields
{
    /// <summary>The label exactly as written: （一）, 1., 一是.</summary>
    public string? Label { get; init; }

    /// <summary>The heading phrase, e.g. 建立领导推动机制.</summary>
    public string? Title { get; init; }

    /// <summary>The text of the measure after its heading.</summary>
    public string? Body { get; init; }

    /// <summary>Defaults to measure.</summary>
    public MeasureKind? Kind { get; init; }

    /// <summary>The chapter (一、二、…) it sits in; sub-items inherit their parent's.</summary>
    public Guid? ChapterId { get; init; }

    /// <summary>The measure or heading this is a sub-item of (一是 under （三）).</summary>
    public Guid? ParentId { get; init; }

    /// <summary>For task-table rows: the 重点工作 column.</summary>
    public string? KeyWork { get; init; }

    /// <summary>The completion deadline (完成时限) as the document writes it, e.g. 2021年6月底前 or 长期坚持; the day it names, if any, is read from it.</summary>
    public string? Deadline { get; init; }

    public BlanketAssignmentDto? BlanketAssignment { get; init; }

    /// <summary>1-based position in document order; omitted on create means last, on replace means unchanged.</summary>
    public int? Sequence { get; init; }

    /// <summary>Overrides the document's reporting calendar for this measure (e.g. 周跟踪 → weekly).</summary>
    public Supervision.ReportingCadenceDto? ReportingCadence { get; init; }

    public MeasureDetails ToDetails() => new(
        Label!,
        Title!,
        Body,
        Kind ?? MeasureKind.Measure,
        ChapterId,
        ParentId,
        KeyWork,
        BlanketAssignment is { } b ? new BlanketAssignment(b.Text, b.UnitKinds) : null,
        ReportingCadence?.ToCadence(),
        Deadline);
}

public abstract class MeasureFieldsValidator<T> : AbstractValidator<T>
    where T : MeasureFields
{
    protected MeasureFieldsValidator()
    {
        RuleFor(x => x.Label).NotEmpty().MaximumLength(TextLimits.Label);
        RuleFor(x => x.Title).NotEmpty().MaximumLength(TextLimits.MeasureTitle);
        RuleFor(x => x.Body).MaximumLength(TextLimits.Body);
        RuleFor(x => x.KeyWork).MaximumLength(TextLimits.MeasureTitle);
        RuleFor(x => x.Deadline).MaximumLength(TextLimits.Deadline).OneLineOfText();
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.Sequence).GreaterThanOrEqualTo(1);
        RuleFor(x => x.ParentId).NotEqual(Guid.Empty);
        RuleFor(x => x.ChapterId).NotEqual(Guid.Empty);
        RuleFor(x => x.ReportingCadence!).SetValidator(new Supervision.ReportingCadenceValidator()).When(x => x.ReportingCadence is not null);
        When(x => x.BlanketAssignment is not null, () =>
        {
            RuleFor(x => x.BlanketAssignment!.Text).NotEmpty().MaximumLength(TextLimits.BlanketAssignmentText);
            RuleFor(x => x.BlanketAssignment!.UnitKinds).NotEmpty();
            RuleForEach(x => x.BlanketAssignment!.UnitKinds).IsInEnum();
        });
    }
}
