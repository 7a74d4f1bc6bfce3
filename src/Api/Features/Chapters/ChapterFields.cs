namespace PolicyApi.Api.Features.Chapters;

/// <summary>The fields of a chapter its editors own.</summary>
public abstract record ChapterFields
{
    /// <summary>The label exactly as written, e.g. 一、</summary>
    public string? Label { get; init; }

    /// <summary>e.g. 加强对稳外资工作领导</summary>
    public string? Title { get; init; }

    /// <summary>1-based position among the chapters; omitted on create means last, on replace means unchanged.</summary>
    public int? Sequence { get; init; }

    [JsonIgnore]
    public Guid DocumentId { get; init; }

    public ChapterDetails ToDetails() => new(Label!, Title!);
}

public abstract class ChapterFieldsValidator<T> : AbstractValidator<T>
    where T : ChapterFields
{
    protected ChapterFieldsValidator()
    {
        RuleFor(x => x.Label).NotEmpty().MaximumLength(TextLimits.Label);
        RuleFor(x => x.Title).NotEmpty().MaximumLength(TextLimits.Title);
        RuleFor(x => x.Sequence).GreaterThanOrEqualTo(1);
    }
}
