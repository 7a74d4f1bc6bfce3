using PolicyApi.Domain.Targets;

namespace PolicyApi.Domain.Reports;

/// <summary>
/// What a reported figure must be, given how its target accumulates: amounts, counts and increments are not
/// negative; a cumulative total to date never falls below the unit's figure for an earlier period, nor rises above
/// its figure for a later one. A figure that breaks this is refused unless the report carries a correction — the
/// reason an earlier figure was wrong — which is kept with the report and its history.
/// </summary>
public static class PlausibleValues
{
    /// <param name="earlier">The unit's figure for the latest earlier period (submitted or accepted), if any.</param>
    /// <param name="later">The unit's figure for the earliest later period (submitted or accepted), if any.</param>
    public static void Check(Accumulation accumulation, decimal? value, string? correction, (string Period, decimal Value)? earlier, (string Period, decimal Value)? later)
    {
        if (value is not { } figure || !string.IsNullOrWhiteSpace(correction))
        {
            return;
        }

        if (figure < 0 && accumulation is not Accumulation.Level)
        {
            throw new DomainImplausibleValueException(
                "report-value-negative",
                "value",
                $"A {Describe(accumulation)} is not negative. If it corrects an earlier figure, say why in 'correction'.");
        }

        if (accumulation != Accumulation.Cumulative)
        {
            return;
        }

        if (earlier is { } before && figure < before.Value)
        {
            throw new DomainImplausibleValueException(
                "cumulative-total-falls",
                "value",
                $"A total to date cannot fall: {before.Period} already reported {before.Value:0.######}. If that figure was wrong, say why in 'correction'.");
        }

        if (later is { } after && figure > after.Value)
        {
            throw new DomainImplausibleValueException(
                "cumulative-total-falls",
                "value",
                $"A total to date cannot exceed a later one: {after.Period} reported {after.Value:0.######}. If that figure was wrong, say why in 'correction'.");
        }
    }

    private static string Describe(Accumulation accumulation) => accumulation switch
    {
        Accumulation.Cumulative => "total to date",
        Accumulation.Count => "count of events",
        _ => "period's increment",
    };
}
