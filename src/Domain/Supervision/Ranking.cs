using PolicyApi.Domain.Targets;

namespace PolicyApi.Domain.Supervision;

/// <summary>One unit's standing on a target: its own share (allocation), its actual and its 序时进度.</summary>
public sealed record UnitStanding(Guid UnitId, decimal Allocation, decimal? Actual, decimal Expected);

/// <summary>A place in the ranking.</summary>
/// <param name="Rank">1 is best; equal completion rates share a rank (1, 2, 2, 4).</param>
/// <param name="CompletionRate">Actual ÷ own allocation.</param>
/// <param name="Behind">Worse than its own 序时进度.</param>
/// <param name="Last">Ranked last (alone or tied) behind at least one unit that did better; nobody is last when all stand equal (no one has reported yet, or all tie).</param>
/// <param name="Summoned">Behind 序时进度 and ranked last: summoned for a talk this quarter (季约谈).</param>
public sealed record RankedUnit(UnitStanding Standing, int Rank, decimal CompletionRate, bool Behind, bool Last, bool Summoned);

/// <summary>Ranks units by attainment against their own allocation and applies the documents' 约谈 rule.</summary>
public static class Ranking
{
    public static IReadOnlyList<RankedUnit> Rank(IEnumerable<UnitStanding> standings, Comparator comparator)
    {
        ArgumentNullException.ThrowIfNull(standings);
        var lowerIsBetter = comparator == Comparator.AtMost;
        // A unit that has reported nothing stands behind every unit that has, whichever way the target points.
        var rated = standings
            .Select(s => (Standing: s, Rate: s.Allocation == 0 ? 0m : Math.Round((s.Actual ?? 0m) / s.Allocation, 6)))
            .OrderBy(r => r.Standing.Actual is null ? 1 : 0)
            .ThenBy(r => lowerIsBetter ? r.Rate : -r.Rate)
            .ThenBy(r => r.Standing.UnitId)
            .ToList();
        if (rated.Count == 0)
        {
            return [];
        }

        var ranks = new int[rated.Count];
        for (var i = 0; i < rated.Count; i++)
        {
            ranks[i] = i > 0 && rated[i].Rate == rated[i - 1].Rate && (rated[i].Standing.Actual is null) == (rated[i - 1].Standing.Actual is null) ? ranks[i - 1] : i + 1;
        }

        var lastRank = ranks[^1];
        var anyoneAhead = lastRank > 1;
        return [.. rated.Select((r, i) =>
        {
            var actual = r.Standing.Actual ?? 0m;
            // Nothing reported is behind on any target that is due (for a ≤ target, no figure is no compliance shown).
            var behind = r.Standing.Actual is null ? r.Standing.Expected > 0 || lowerIsBetter : lowerIsBetter ? actual > r.Standing.Expected : actual < r.Standing.Expected;
            var last = anyoneAhead && ranks[i] == lastRank;
            return new RankedUnit(r.Standing, ranks[i], r.Rate, behind, last, behind && last);
        })];
    }
}
