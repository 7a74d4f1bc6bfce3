using PolicyApi.Domain.Supervision;

namespace PolicyApi.Domain.Targets;

/// <summary>
/// A quantity a document commits to: 2021年全市实际利用外资7000万美元, 同比增长20%以上 (a growth target on
/// a baseline), 每个县区不少于4次 (a target each unit of a set must meet). A region-wide target can be
/// split into per-unit shares (目标分解).
/// </summary>
public sealed class Target : AggregateRoot
{
    private readonly List<TargetAllocation> _allocations = [];
    private readonly List<TargetScopeUnit> _scopeUnits = [];
    private readonly List<TargetMilestone> _milestones = [];

    private Target()
    {
        Indicator = null!;
        UnitOfMeasure = null!;
    }

    public Guid DocumentId { get; private set; }

    public Guid? MeasureId { get; private set; }

    /// <summary>What is measured, e.g. 实际利用外资（含投资性公司投资）.</summary>
    [MaxLength(TextLimits.Indicator)]
    public string Indicator { get; private set; }

    /// <summary>The document's own words, e.g. 2021年全市实际利用外资工作目标7000万美元.</summary>
    [MaxLength(TextLimits.TargetText)]
    public string? Text { get; private set; }

    /// <summary>万美元, 亿美元, %, 个, 次, 家, 工作日 …</summary>
    [MaxLength(TextLimits.UnitOfMeasure)]
    public string UnitOfMeasure { get; private set; }

    public Comparator Comparator { get; private set; }

    public decimal Value { get; private set; }

    public DateOnly PeriodStart { get; private set; }

    public DateOnly PeriodEnd { get; private set; }

    public TargetDirection Direction { get; private set; }

    public Accumulation Accumulation { get; private set; }

    public TargetScope Scope { get; private set; }

    /// <summary>The document's words for the scope, e.g. 各县市区.</summary>
    [MaxLength(TextLimits.Indicator)]
    public string? ScopeText { get; private set; }

    public decimal? BaselineValue { get; private set; }

    [MaxLength(TextLimits.UnitOfMeasure)]
    public string? BaselineUnitOfMeasure { get; private set; }

    public DateOnly? BaselineStart { get; private set; }

    public DateOnly? BaselineEnd { get; private set; }

    /// <summary>A growth target may take its actuals from the reports of the absolute target on the same indicator.</summary>
    public Guid? BasedOnTargetId { get; private set; }

    public CadenceFrequency? CadenceFrequency { get; private set; }

    public int? CadenceGraceDays { get; private set; }

    public IReadOnlyList<TargetAllocation> Allocations => _allocations;

    public IReadOnlyList<TargetScopeUnit> ScopeUnits => _scopeUnits;

    public IReadOnlyList<TargetMilestone> Milestones => _milestones;

    public GrowthBaseline? Baseline => BaselineValue is { } value
        ? new GrowthBaseline(value, BaselineUnitOfMeasure!, BaselineStart!.Value, BaselineEnd!.Value)
        : null;

    public bool IsGrowth => BaselineValue is not null;

    /// <summary>A growth rate linked to its absolute target whose baseline nobody has given yet: it is not evaluated as growth until then.</summary>
    public bool AwaitsBaseline => BasedOnTargetId is not null && BaselineValue is null;

    /// <summary>The unit of measure reports must use: the baseline's for a growth target (reports state 万美元, the target is in %).</summary>
    public string ReportUnitOfMeasure => BaselineUnitOfMeasure ?? UnitOfMeasure;

    public ReportingCadence? Cadence => CadenceFrequency is { } f ? new ReportingCadence(f, CadenceGraceDays ?? 0) : null;

    public static Target Set(Guid documentId, TargetDetails details)
    {
        var target = new Target { DocumentId = documentId };
        target.Apply(details);
        return target;
    }

    public void Revise(TargetDetails details)
    {
        Apply(details);
        if (Scope == TargetScope.EachUnit && _allocations.Count > 0)
        {
            throw new DomainRuleViolationException("target-scope-conflicts-with-allocations", "A target with per-unit allocations must stay region-wide; remove the allocations first.", "scope");
        }

        if (_allocations.Count > 0 && (IsGrowth || Accumulation == Accumulation.Level))
        {
            throw new DomainRuleViolationException("target-not-allocatable", "Growth rates and levels do not add up: remove the allocations before making the target one.", "accumulation");
        }

        if (_allocations.Count > 0 && Value < Allocated)
        {
            throw new DomainRuleViolationException(
                "target-below-allocations",
                $"The units' shares add up to {Allocated:0.######} {UnitOfMeasure}; the target cannot be revised below that. Reduce the allocations first.",
                "value");
        }

        Changed();
    }

    /// <summary>
    /// Replaces the split of this region-wide target into per-unit shares. The shares may add up to less
    /// than the whole (the rest is unallocated, and <see cref="Unallocated"/> says so) but never to more.
    /// </summary>
    public void Allocate(IReadOnlyList<(Guid UnitId, decimal Value)> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        if (Scope == TargetScope.EachUnit)
        {
            throw new DomainRuleViolationException("target-not-allocatable", "A target that binds each unit on its own cannot be split into shares.");
        }

        if (IsGrowth || Accumulation == Accumulation.Level)
        {
            throw new DomainRuleViolationException("target-not-allocatable", "Growth rates and levels (落地率, 审批时限) do not add up, so they cannot be split into shares.");
        }

        for (var i = 0; i < shares.Count; i++)
        {
            if (shares[i].Value <= 0)
            {
                throw new DomainValidationException($"allocations[{i}].value", "A share must be greater than zero.");
            }

            if (shares.Take(i).Any(s => s.UnitId == shares[i].UnitId))
            {
                throw new DomainValidationException($"allocations[{i}].unitId", "A unit can have only one share.");
            }
        }

        var total = shares.Sum(s => s.Value);
        if (total > Value)
        {
            throw new DomainRuleViolationException(
                "allocations-exceed-target",
                $"The shares add up to {total} {UnitOfMeasure}, more than the target of {Value} {UnitOfMeasure}.",
                "allocations");
        }

        _allocations.Clear();
        _allocations.AddRange(shares.Select(s => new TargetAllocation(Id, s.UnitId, s.Value)));
        Changed();
    }

    public decimal Allocated => _allocations.Sum(a => a.Value);

    public decimal Unallocated => Value - Allocated;

    /// <summary>What one unit must reach: its share, or for an each-unit target the whole value.</summary>
    public decimal? ValueFor(Guid unitId) =>
        Scope == TargetScope.EachUnit
            ? _scopeUnits.Any(s => s.UnitId == unitId) ? Value : null
            : _allocations.FirstOrDefault(a => a.UnitId == unitId)?.Value;

    private void Apply(TargetDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        MeasureId = details.MeasureId;
        Indicator = Check.Required(details.Indicator, "indicator", TextLimits.Indicator);
        Text = Check.Optional(details.Text, "text", TextLimits.TargetText);
        UnitOfMeasure = Check.Required(details.UnitOfMeasure, "unitOfMeasure", TextLimits.UnitOfMeasure);
        Comparator = Check.Defined(details.Comparator, "comparator");
        Accumulation = Check.Defined(details.Accumulation, "accumulation");
        Scope = Check.Defined(details.Scope, "scope");
        if (details.PeriodEnd < details.PeriodStart)
        {
            throw new DomainValidationException("period", "The period cannot end before it starts.");
        }

        Value = details.Value;
        PeriodStart = details.PeriodStart;
        PeriodEnd = details.PeriodEnd;
        Direction = details.Direction ?? (Comparator == Comparator.AtMost ? TargetDirection.LowerIsBetter : TargetDirection.HigherIsBetter);
        ScopeText = Check.Optional(details.ScopeText, "scopeText", TextLimits.Indicator);
        ApplyScope(details);
        ApplyBaseline(details);
        CadenceFrequency = details.Cadence?.Frequency;
        CadenceGraceDays = details.Cadence?.GraceDays;
        ApplyMilestones(details.Milestones);
    }

    private void ApplyScope(TargetDetails details)
    {
        var units = details.ScopeUnitIds.Distinct().ToList();
        if (Scope == TargetScope.EachUnit && units.Count == 0)
        {
            throw new DomainValidationException("scopeUnitIds", "A target for each unit of a set names the units it binds.");
        }

        if (Scope == TargetScope.Region && units.Count > 0)
        {
            throw new DomainValidationException("scopeUnitIds", "A region-wide target binds no units of its own; split it with allocations instead.");
        }

        _scopeUnits.RemoveAll(s => !units.Contains(s.UnitId));
        _scopeUnits.AddRange(units.Where(u => _scopeUnits.All(s => s.UnitId != u)).Select(u => new TargetScopeUnit(Id, u)));
    }

    private void ApplyBaseline(TargetDetails details)
    {
        BasedOnTargetId = details.BasedOnTargetId;
        if (details.Baseline is not { } baseline)
        {
            // An imported 同比增长20%以上 is linked to its absolute target before anyone knows last year's value.
            if (details.BasedOnTargetId is not null && UnitOfMeasure != "%")
            {
                throw new DomainValidationException("basedOnTargetId", "Only a growth target (a rate in %, with a baseline or awaiting one) takes its actuals from another target.");
            }

            (BaselineValue, BaselineUnitOfMeasure, BaselineStart, BaselineEnd) = (null, null, null, null);
            return;
        }

        if (baseline.Value <= 0)
        {
            throw new DomainValidationException("baseline.value", "A growth baseline must be greater than zero.");
        }

        if (baseline.PeriodEnd < baseline.PeriodStart)
        {
            throw new DomainValidationException("baseline.period", "The baseline period cannot end before it starts.");
        }

        if (UnitOfMeasure != "%")
        {
            throw new DomainValidationException("unitOfMeasure", "A growth target is a rate: its unit of measure is %.");
        }

        BaselineValue = baseline.Value;
        BaselineUnitOfMeasure = Check.Required(baseline.UnitOfMeasure, "baseline.unitOfMeasure", TextLimits.UnitOfMeasure);
        BaselineStart = baseline.PeriodStart;
        BaselineEnd = baseline.PeriodEnd;
    }

    private void ApplyMilestones(IReadOnlyList<Milestone> milestones)
    {
        for (var i = 0; i < milestones.Count; i++)
        {
            if (milestones[i].By < PeriodStart || milestones[i].By > PeriodEnd)
            {
                throw new DomainValidationException($"milestones[{i}].by", "A milestone falls within the target's period.");
            }

            if (i > 0 && milestones[i].By <= milestones[i - 1].By)
            {
                throw new DomainValidationException($"milestones[{i}].by", "Milestones are listed in date order, one per date.");
            }

            if (i > 0 && Accumulation is Accumulation.Cumulative or Accumulation.Count && milestones[i].Value < milestones[i - 1].Value)
            {
                throw new DomainValidationException($"milestones[{i}].value", "A total to date does not fall: each milestone is at least the one before.");
            }

            if (milestones[i].Value < 0 || (Accumulation != Accumulation.Level && milestones[i].Value > Value))
            {
                throw new DomainValidationException($"milestones[{i}].value", $"A milestone lies between 0 and the target's value ({Value:0.######} {UnitOfMeasure}).");
            }
        }

        _milestones.Clear();
        _milestones.AddRange(milestones.Select(m => new TargetMilestone(Id, m.By, m.Value)));
    }
}

// The parts below are read by EF Core through their constructors (the parameters name the properties).

/// <summary>One unit's share of a region-wide target.</summary>
public sealed class TargetAllocation
{
    internal TargetAllocation(Guid targetId, Guid unitId, decimal value) => (TargetId, UnitId, Value) = (targetId, unitId, value);

    public Guid TargetId { get; private set; }

    public Guid UnitId { get; private set; }

    public decimal Value { get; private set; }
}

/// <summary>A unit bound on its own by an each-unit target.</summary>
public sealed class TargetScopeUnit
{
    internal TargetScopeUnit(Guid targetId, Guid unitId) => (TargetId, UnitId) = (targetId, unitId);

    public Guid TargetId { get; private set; }

    public Guid UnitId { get; private set; }
}

/// <summary>A figure the target must reach by a date within its period.</summary>
public sealed class TargetMilestone
{
    internal TargetMilestone(Guid targetId, DateOnly by, decimal value) => (TargetId, By, Value) = (targetId, by, value);

    public Guid TargetId { get; private set; }

    public DateOnly By { get; private set; }

    public decimal Value { get; private set; }
}
