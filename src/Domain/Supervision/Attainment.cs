using PolicyApi.Domain.Targets;

namespace PolicyApi.Domain.Supervision;

public enum AttainmentStatus
{
    /// <summary>No accepted figure yet, or the period has not begun.</summary>
    NotStarted,

    /// <summary>The target is met (for a ≥ target at any time; for a ≤ target once its period is over).</summary>
    Achieved,

    /// <summary>At or ahead of 序时进度.</summary>
    OnTrack,

    /// <summary>Below 序时进度, but projected to end within the tolerance of the target.</summary>
    Behind,

    /// <summary>Projected to miss the target by more than the tolerance.</summary>
    AtRisk,

    /// <summary>The period is over and the target was not met.</summary>
    Missed,
}

/// <summary>What a target (or one unit's share of it) asks for, and over which period.</summary>
public sealed record AttainmentGoal(
    Comparator Comparator,
    decimal Value,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    Accumulation Accumulation,
    IReadOnlyList<Milestone> Milestones);

/// <summary>Where a target stands on a date.</summary>
/// <param name="Actual">The figure to date from accepted reports; null when there is none.</param>
/// <param name="Expected">序时进度: the part of the value due by the date.</param>
/// <param name="ExpectedShare">The expected part as a share of the whole (0–1).</param>
/// <param name="RatioToTarget">Actual ÷ value.</param>
/// <param name="RatioToExpected">Actual ÷ expected.</param>
/// <param name="Projected">The actual extrapolated to the end of the period at the pace so far (for amounts that accumulate).</param>
/// <param name="BehindSchedule">Worse than 序时进度 (the first half of the 约谈 rule).</param>
/// <param name="Status">The classification.</param>
public sealed record AttainmentResult(
    decimal? Actual,
    decimal Expected,
    decimal ExpectedShare,
    decimal? RatioToTarget,
    decimal? RatioToExpected,
    decimal? Projected,
    bool BehindSchedule,
    AttainmentStatus Status);

/// <summary>
/// Attainment and 序时进度 of a target, as pure arithmetic. Expected progress is time-proportional over the
/// target's period unless the target carries milestones (then the latest milestone reached is due).
/// Levels (rates, time limits) are not pro-rated: the level is due all along. For ≤ targets the logic turns around.
/// </summary>
public static class AttainmentCalculator
{
    /// <summary>How far a projection may end beyond the target and still count as "behind" rather than "at risk".</summary>
    public const decimal Tolerance = 0.10m;

    /// <summary>
    /// The date 序时进度 is judged at: the end of the last reporting period of the cadence that has closed by
    /// <paramref name="asOf"/> (a period ending on asOf has closed), because actuals only move when a period's report
    /// comes in. With no cadence, the day itself.
    /// </summary>
    /// <param name="periodEnd">The end of the target's period: once it has passed, the target is judged at its end.</param>
    public static DateOnly ExpectedAt(CadenceFrequency? cadence, DateOnly asOf, DateOnly? periodEnd = null)
    {
        var at = asOf;
        if (cadence is { } frequency)
        {
            var current = ReportingPeriod.Containing(asOf, new ReportingCadence(frequency, 0).PeriodKind);
            at = current.End == asOf ? asOf : current.Start.AddDays(-1);
        }

        return periodEnd is { } end && at > end ? end : at;
    }

    /// <summary>The elapsed share of the period on the date, counting both ends (1 January is 1/365 of a year).</summary>
    public static decimal ElapsedShare(DateOnly start, DateOnly end, DateOnly asOf)
    {
        if (asOf < start)
        {
            return 0m;
        }

        if (asOf >= end)
        {
            return 1m;
        }

        return (decimal)(asOf.DayNumber - start.DayNumber + 1) / (end.DayNumber - start.DayNumber + 1);
    }

    public static decimal ExpectedShare(AttainmentGoal goal, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(goal);
        if (goal.Milestones.Count > 0)
        {
            var reached = goal.Milestones.LastOrDefault(m => m.By <= asOf);
            return goal.Value == 0 ? 1m : (reached?.Value ?? 0m) / goal.Value;
        }

        if (goal.Accumulation == Accumulation.Level)
        {
            return asOf < goal.PeriodStart ? 0m : 1m;
        }

        return ElapsedShare(goal.PeriodStart, goal.PeriodEnd, asOf);
    }

    public static AttainmentResult Evaluate(AttainmentGoal goal, decimal? actual, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(goal);
        var share = ExpectedShare(goal, asOf);
        var expected = goal.Value * share;
        var elapsed = ElapsedShare(goal.PeriodStart, goal.PeriodEnd, asOf);
        var over = asOf >= goal.PeriodEnd;
        var accumulates = goal.Accumulation != Accumulation.Level;
        decimal? projected = actual is { } a && accumulates && elapsed > 0 ? a / elapsed : actual;
        decimal? ratioToTarget = actual is { } b && goal.Value != 0 ? b / goal.Value : null;
        decimal? ratioToExpected = actual is { } c && expected != 0 ? c / expected : null;
        var lowerIsBetter = goal.Comparator == Comparator.AtMost;

        if (actual is not { } value || asOf < goal.PeriodStart)
        {
            // Nothing reported: behind schedule as soon as something is due on an at-least target.
            var nothingYet = !lowerIsBetter && expected > 0;
            return new(actual, expected, share, ratioToTarget, ratioToExpected, projected, nothingYet, over ? AttainmentStatus.Missed : AttainmentStatus.NotStarted);
        }

        if (lowerIsBetter)
        {
            return accumulates
                ? new(actual, expected, share, ratioToTarget, ratioToExpected, projected, value > expected, UnderCap(goal.Value, value, projected!.Value, over))
                : new(actual, expected, share, ratioToTarget, ratioToExpected, projected, value > goal.Value, UnderLimit(goal.Value, value, over));
        }

        return new(actual, expected, share, ratioToTarget, ratioToExpected, projected, value < expected, AtLeast(goal, value, projected!.Value, expected, over));
    }

    private static AttainmentStatus AtLeast(AttainmentGoal goal, decimal actual, decimal projected, decimal expected, bool over)
    {
        var met = goal.Comparator == Comparator.Exactly ? actual == goal.Value : actual >= goal.Value;
        if (met)
        {
            return AttainmentStatus.Achieved;
        }

        if (over)
        {
            return AttainmentStatus.Missed;
        }

        if (actual >= expected)
        {
            return AttainmentStatus.OnTrack;
        }

        return projected >= goal.Value * (1 - Tolerance) ? AttainmentStatus.Behind : AttainmentStatus.AtRisk;
    }

    /// <summary>A level that must stay at or under a limit (审批时限不超过10个工作日): it can recover until the period ends.</summary>
    private static AttainmentStatus UnderLimit(decimal limit, decimal level, bool over)
    {
        if (level <= limit)
        {
            return over ? AttainmentStatus.Achieved : AttainmentStatus.OnTrack;
        }

        if (over)
        {
            return AttainmentStatus.Missed;
        }

        return level <= limit * (1 + Tolerance) ? AttainmentStatus.Behind : AttainmentStatus.AtRisk;
    }

    /// <summary>An amount that accumulates under a cap: once over the cap it cannot come back.</summary>
    private static AttainmentStatus UnderCap(decimal cap, decimal actual, decimal projected, bool over)
    {
        if (actual > cap)
        {
            return AttainmentStatus.Missed;
        }

        if (over || projected <= cap)
        {
            return over ? AttainmentStatus.Achieved : AttainmentStatus.OnTrack;
        }

        return projected <= cap * (1 + Tolerance) ? AttainmentStatus.Behind : AttainmentStatus.AtRisk;
    }
}
