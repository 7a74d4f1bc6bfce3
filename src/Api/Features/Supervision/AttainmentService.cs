using PolicyApi.Infrastructure.Supervision;

namespace PolicyApi.Api.Features.Supervision;

/// <summary>One unit's actual on a target.</summary>
public sealed record UnitActual(Guid UnitId, decimal? Accepted, decimal? IncludingSubmitted);

/// <summary>A target's actuals as of a date: for the region and for each unit that reported.</summary>
public sealed record TargetActuals(decimal? Accepted, decimal? IncludingSubmitted, IReadOnlyDictionary<Guid, UnitActual> Units);

/// <summary>
/// Turns the per-unit aggregates PostgreSQL computes into actuals, following each target's accumulation:
/// a unit's actual is its latest total (cumulative, level), the sum of its increments, or its count of
/// events; units add up, except levels, where the latest report stands.
/// </summary>
public sealed class AttainmentService(SupervisionQueries queries)
{
    public async Task<IReadOnlyDictionary<Guid, TargetActuals>> ActualsAsync(
        IReadOnlyCollection<Target> targets,
        IReadOnlyDictionary<Guid, Accumulation> sourceAccumulation,
        DateOnly periodsTo,
        DateOnly knownOn,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var rows = await queries.ActualsAsync([.. targets.Select(t => t.Id)], periodsTo, knownOn, cancellationToken);
        return targets.ToDictionary(t => t.Id, t =>
        {
            var accumulation = t.IsGrowth && t.BasedOnTargetId is { } source ? sourceAccumulation.GetValueOrDefault(source, t.Accumulation) : t.Accumulation;
            var mine = rows.Where(r => r.TargetId == t.Id).ToList();
            var units = mine.ToDictionary(
                r => r.UnitId,
                r => new UnitActual(r.UnitId, Pick(accumulation, r.AcceptedEvents, r.AcceptedSum, r.AcceptedLatest), Pick(accumulation, r.ReportedEvents, r.ReportedSum, r.ReportedLatest)));
            if (t.Scope == TargetScope.EachUnit)
            {
                // Every unit must meet it on its own: the target stands where its weakest unit stands.
                var bound = t.ScopeUnits.Select(s => units.GetValueOrDefault(s.UnitId)).ToList();
                return units.Count == 0
                    ? new TargetActuals(null, null, units)
                    : new TargetActuals(Weakest(t, bound.Select(u => u?.Accepted)), Weakest(t, bound.Select(u => u?.IncludingSubmitted)), units);
            }

            return accumulation == Accumulation.Level
                ? new TargetActuals(
                    // A level is a state, not a sum: the region stands at the figure for the latest period, and where
                    // several units gave one, at the figure submitted last.
                    mine.Where(r => r.AcceptedLatestEnd is not null).OrderByDescending(r => r.AcceptedLatestEnd).ThenByDescending(r => r.AcceptedLatestSubmittedAt).FirstOrDefault()?.AcceptedLatest,
                    mine.Where(r => r.ReportedLatestEnd is not null).OrderByDescending(r => r.ReportedLatestEnd).ThenByDescending(r => r.ReportedLatestSubmittedAt).FirstOrDefault()?.ReportedLatest,
                    units)
                : new TargetActuals(Sum(units.Values.Select(u => u.Accepted)), Sum(units.Values.Select(u => u.IncludingSubmitted)), units);
        });
    }

    /// <summary>The goal a target sets as a whole; a growth target's goal is on the underlying amount: baseline × (1 + rate).</summary>
    public static AttainmentGoal GoalOf(Target target, decimal? value = null, Accumulation? accumulation = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var milestones = target.Milestones.OrderBy(m => m.By).Select(m => new Milestone(m.By, m.Value)).ToList();
        if (target.Baseline is { } baseline)
        {
            return new AttainmentGoal(target.Comparator, baseline.Value * (1 + (target.Value / 100m)), target.PeriodStart, target.PeriodEnd, accumulation ?? Accumulation.Cumulative, []);
        }

        return new AttainmentGoal(target.Comparator, value ?? target.Value, target.PeriodStart, target.PeriodEnd, accumulation ?? target.Accumulation, value is null ? milestones : target.Value == 0 ? [] : Scale(milestones, value.Value / target.Value));
    }

    private static List<Milestone> Scale(List<Milestone> milestones, decimal factor) =>
        [.. milestones.Select(m => m with { Value = m.Value * factor })];

    private static decimal? Pick(Accumulation accumulation, decimal? events, decimal? sum, decimal? latest) => accumulation switch
    {
        Accumulation.Increments => sum,
        Accumulation.Count => events,
        _ => latest,
    };

    /// <summary>
    /// The worst of the units' figures. Below a floor (≥) a unit with nothing counts as zero, the worst there is; under a
    /// ceiling (≤, =) nothing is not zero, it is unknown, so while any unit has no figure neither has the target.
    /// </summary>
    private static decimal? Weakest(Target target, IEnumerable<decimal?> values)
    {
        var all = values.ToList();
        if (all.Count == 0 || (target.Comparator != Comparator.AtLeast && all.Any(v => v is null)))
        {
            return null;
        }

        var known = all.Select(v => v ?? 0m).ToList();
        return target.Comparator switch
        {
            Comparator.AtMost => known.Max(),
            Comparator.Exactly => known.MaxBy(v => Math.Abs(v - target.Value)),
            _ => known.Min(),
        };
    }

    private static decimal? Sum(IEnumerable<decimal?> values)
    {
        var present = values.Where(v => v is not null).ToList();
        return present.Count == 0 ? null : present.Sum();
    }
}
