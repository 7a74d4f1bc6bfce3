namespace PolicyApi.Api.Features.Documents;

/// <summary>The body of a create or replace: every field the document's editors own.</summary>
public abstract record DocumentFields
{
    /// <summary>Full title as issued, e.g. 市政府关于印发连云港市稳外资促发展若干措施的通知.</summary>
    public string? Title { get; init; }

    /// <summary>文号, e.g. 连政发〔2020〕62号. Optional; unique when present (bracket and spacing variants count as the same).</summary>
    public string? DocNumber { get; init; }

    public string? Issuer { get; init; }

    /// <summary>The region whose unit registry applies, e.g. 连云港市.</summary>
    public string? Region { get; init; }

    public DateOnly? IssuedOn { get; init; }

    public DocumentKind? Kind { get; init; }

    public DatePeriod? Period { get; init; }

    public IReadOnlyList<string>? BasisDocuments { get; init; }

    /// <summary>Defaults to draft. Only active documents generate reporting obligations.</summary>
    public DocumentStatus? Status { get; init; }

    /// <summary>The document's reporting calendar (月通报 → monthly); measures and targets may override it.</summary>
    public Supervision.ReportingCadenceDto? ReportingCadence { get; init; }

    public DocumentDetails ToDetails() => new(
        Title!,
        DocNumber,
        Issuer,
        Region!,
        IssuedOn,
        Kind!.Value,
        Period?.From,
        Period?.To,
        BasisDocuments ?? [],
        Status ?? DocumentStatus.Draft,
        ReportingCadence?.ToCadence());
}

public abstract class DocumentFieldsValidator<T> : AbstractValidator<T>
    where T : DocumentFields
{
    protected DocumentFieldsValidator()
    {
        RuleFor(x => x.Title).NotEmpty().MaximumLength(TextLimits.Title);
        RuleFor(x => x.DocNumber).MaximumLength(TextLimits.DocNumber);
        RuleFor(x => x.Issuer).MaximumLength(TextLimits.Issuer);
        RuleFor(x => x.Region).NotEmpty().MaximumLength(TextLimits.Region);
        RuleFor(x => x.Kind).NotNull().IsInEnum();
        RuleFor(x => x.Status).IsInEnum();
        RuleFor(x => x.Period!.To)
            .GreaterThanOrEqualTo(x => x.Period!.From)
            .When(x => x.Period is { From: not null, To: not null })
            .WithMessage("The period cannot end before it starts.");
        RuleFor(x => x.BasisDocuments!.Count)
            .LessThanOrEqualTo(TextLimits.BasisDocumentCount)
            .When(x => x.BasisDocuments is not null)
            .OverridePropertyName("basisDocuments");
        RuleForEach(x => x.BasisDocuments).NotEmpty().MaximumLength(TextLimits.BasisDocument);
        RuleFor(x => x.ReportingCadence!).SetValidator(new Supervision.ReportingCadenceValidator()).When(x => x.ReportingCadence is not null);
    }
}
