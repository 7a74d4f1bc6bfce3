namespace PolicyApi.Api.Features.Targets;

/// <summary>The baseline of a growth target (同比 → the same indicator in the previous year), e.g. 5833.33 万美元 in 2020.</summary>
public sealed record BaselineInput(decimal? Value, string? UnitOfMeasure, string? Period);

public sealed record BaselineResponse(decimal Value, string UnitOfMeasure, string Period, DateOnly PeriodStart, DateOnly PeriodEnd);

/// <summary>By this date, this much of the target is due.</summary>
public sealed record MilestoneDto(DateOnly? By, decimal? Value);

/// <summary>A target as the API serves it.</summary>
public sealed record TargetResponse(
    Guid Id,
    Guid DocumentId,
    Guid? MeasureId,
    string Indicator,
    string? Text,
    string UnitOfMeasure,
    Comparator Comparator,
    decimal Value,
    string Period,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    TargetDirection Direction,
    Accumulation Accumulation,
    TargetScope Scope,
    string? ScopeText,
    IReadOnlyList<Guid> ScopeUnitIds,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] BaselineResponse? Baseline,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? BasedOnTargetId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ReportingCadenceDto? ReportingCadence,
    IReadOnlyList<MilestoneDto> Milestones,
    string ReportUnitOfMeasure,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : TaggedRepresentation
{
    public static TargetResponse From(Target t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new(
            t.Id,
            t.DocumentId,
            t.MeasureId,
            t.Indicator,
            t.Text,
            t.UnitOfMeasure,
            t.Comparator,
            t.Value,
            TargetPeriod.Format(t.PeriodStart, t.PeriodEnd),
            t.PeriodStart,
            t.PeriodEnd,
            t.Direction,
            t.Accumulation,
            t.Scope,
            t.ScopeText,
            [.. t.ScopeUnits.Select(s => s.UnitId).Order()],
            t.Baseline is { } b ? new BaselineResponse(b.Value, b.UnitOfMeasure, TargetPeriod.Format(b.PeriodStart, b.PeriodEnd), b.PeriodStart, b.PeriodEnd) : null,
            t.BasedOnTargetId,
            ReportingCadenceDto.From(t.Cadence),
            [.. t.Milestones.OrderBy(m => m.By).Select(m => new MilestoneDto(m.By, m.Value))],
            t.ReportUnitOfMeasure,
            t.CreatedAt,
            t.UpdatedAt)
        {
            ETag = EntityTags.Of(t.Id, t.Version),
        };
    }
}

/// <summary>The fields of a target its editors own.</summary>
public abstract record TargetFields
{
    /// <summary>The measure the target belongs to, if any (it must be in the same document).</summary>
    public Guid? MeasureId { get; init; }

    /// <summary>What is measured, e.g. 实际利用外资（含投资性公司投资）.</summary>
    public string? Indicator { get; init; }

    /// <summary>The document's own words, e.g. 2021年全市实际利用外资工作目标7000万美元.</summary>
    public string? Text { get; init; }

    /// <summary>万美元, 亿美元, %, 个, 次, 家, 工作日 …</summary>
    public string? UnitOfMeasure { get; init; }

    /// <summary>&gt;= (以上, 不少于, 不低于), &lt;= (不超过), = .</summary>
    public Comparator? Comparator { get; init; }

    public decimal? Value { get; init; }

    /// <summary>2021, 2021-H1, 2021-Q2, 2021-M06, or 2021-03-01/2022-02-28.</summary>
    public string? Period { get; init; }

    /// <summary>Defaults from the comparator: &lt;= is lowerIsBetter, the others higherIsBetter.</summary>
    public TargetDirection? Direction { get; init; }

    /// <summary>cumulative (reports state the total to date), increments (reports add up), count (each accepted report is one event), level (rates and limits).</summary>
    public Accumulation? Accumulation { get; init; }

    /// <summary>region (default) or eachUnit (每个县区不少于4次: every unit in scopeUnitIds must meet it on its own).</summary>
    public TargetScope? Scope { get; init; }

    /// <summary>The document's words for the scope, e.g. 各县市区.</summary>
    public string? ScopeText { get; init; }

    public IReadOnlyList<Guid>? ScopeUnitIds { get; init; }

    /// <summary>Makes this a growth target (同比增长20%以上): value in %, reports in the baseline's unit.</summary>
    public BaselineInput? Baseline { get; init; }

    /// <summary>For a growth target: take the actuals from this target's reports (the absolute target on the same indicator).</summary>
    public Guid? BasedOnTargetId { get; init; }

    /// <summary>Overrides the measure's and document's reporting calendar.</summary>
    public ReportingCadenceDto? ReportingCadence { get; init; }

    /// <summary>A schedule replacing time-proportional 序时进度: by each date, this much is due.</summary>
    public IReadOnlyList<MilestoneDto>? Milestones { get; init; }

    public TargetDetails ToDetails()
    {
        var (start, end) = TargetPeriod.Parse(Period, "period");
        GrowthBaseline? baseline = null;
        if (Baseline is { } b)
        {
            var (baselineStart, baselineEnd) = TargetPeriod.Parse(b.Period, "baseline.period");
            baseline = new GrowthBaseline(b.Value!.Value, b.UnitOfMeasure!, baselineStart, baselineEnd);
        }

        return new TargetDetails(
            MeasureId,
            Indicator!,
            Text,
            UnitOfMeasure!,
            Comparator!.Value,
            Value!.Value,
            start,
            end,
            Direction,
            Accumulation!.Value,
            Scope ?? TargetScope.Region,
            ScopeText,
            ScopeUnitIds ?? [],
            baseline,
            BasedOnTargetId,
            ReportingCadence?.ToCadence(),
            [.. (Milestones ?? []).Select(m => new Milestone(m.By!.Value, m.Value!.Value))]);
    }
}

public abstract class TargetFieldsValidator<T> : AbstractValidator<T>
    where T : TargetFields
{
    protected TargetFieldsValidator()
    {
        RuleFor(x => x.Indicator).NotEmpty().MaximumLength(TextLimits.Indicator);
        RuleFor(x => x.Text).MaximumLength(TextLimits.TargetText);
        RuleFor(x => x.UnitOfMeasure).NotEmpty().MaximumLength(TextLimits.UnitOfMeasure);
        RuleFor(x => x.Comparator).NotNull().IsInEnum();
        RuleFor(x => x.Value).NotNull().GreaterThanOrEqualTo(0);
        RuleFor(x => x.Period).NotEmpty();
        RuleFor(x => x.Direction).IsInEnum();
        RuleFor(x => x.Accumulation).NotNull().IsInEnum();
        RuleFor(x => x.Scope).IsInEnum();
        RuleFor(x => x.ScopeText).MaximumLength(TextLimits.Indicator);
        RuleFor(x => x.ScopeUnitIds!.Count).LessThanOrEqualTo(500).When(x => x.ScopeUnitIds is not null).OverridePropertyName("scopeUnitIds");
        RuleFor(x => x.ReportingCadence!).SetValidator(new ReportingCadenceValidator()).When(x => x.ReportingCadence is not null);
        When(x => x.Baseline is not null, () =>
        {
            RuleFor(x => x.Baseline!.Value).NotNull().GreaterThan(0);
            RuleFor(x => x.Baseline!.UnitOfMeasure).NotEmpty().MaximumLength(TextLimits.UnitOfMeasure);
            RuleFor(x => x.Baseline!.Period).NotEmpty();
        });
        RuleForEach(x => x.Milestones).ChildRules(m =>
        {
            m.RuleFor(x => x.By).NotNull();
            m.RuleFor(x => x.Value).NotNull().GreaterThanOrEqualTo(0);
        });
    }
}
