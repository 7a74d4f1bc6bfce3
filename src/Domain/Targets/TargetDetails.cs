using PolicyApi.Domain.Supervision;

namespace PolicyApi.Domain.Targets;

/// <summary>A growth target's reference: the value of the same indicator in an earlier period (同比 → the previous year).</summary>
public sealed record GrowthBaseline(decimal Value, string UnitOfMeasure, DateOnly PeriodStart, DateOnly PeriodEnd);

/// <summary>By this date, this much of the target is due (replaces time-proportional 序时进度).</summary>
public sealed record Milestone(DateOnly By, decimal Value);

/// <summary>The fields of a target its editors own.</summary>
public sealed record TargetDetails(
    Guid? MeasureId,
    string Indicator,
    string? Text,
    string UnitOfMeasure,
    Comparator Comparator,
    decimal Value,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    TargetDirection? Direction,
    Accumulation Accumulation,
    TargetScope Scope,
    string? ScopeText,
    IReadOnlyList<Guid> ScopeUnitIds,
    GrowthBaseline? Baseline,
    Guid? BasedOnTargetId,
    ReportingCadence? Cadence,
    IReadOnlyList<Milestone> Milestones);
