namespace PolicyApi.Domain.Supervision;

/// <summary>How often reports are due: 周跟踪 weekly, 月通报 monthly, 季督查 quarterly, 半年点评 half-yearly, 年底考核 yearly.</summary>
public enum CadenceFrequency
{
    Weekly,
    Monthly,
    Quarterly,
    HalfYearly,
    Yearly,
}

/// <summary>
/// A reporting calendar: one report per period of the frequency, due <see cref="GraceDays"/> days after
/// the period ends (a monthly report with 5 days' grace for June is due on 5 July).
/// </summary>
public sealed record ReportingCadence
{
    public const int MaxGraceDays = 90;

    public ReportingCadence(CadenceFrequency frequency, int graceDays)
    {
        Frequency = Check.Defined(frequency, "reportingCadence.frequency");
        if (graceDays is < 0 or > MaxGraceDays)
        {
            throw new DomainValidationException("reportingCadence.graceDays", $"The grace period must be between 0 and {MaxGraceDays} days.");
        }

        GraceDays = graceDays;
    }

    public CadenceFrequency Frequency { get; }

    public int GraceDays { get; }

    public PeriodKind PeriodKind => Frequency switch
    {
        CadenceFrequency.Weekly => PeriodKind.Week,
        CadenceFrequency.Monthly => PeriodKind.Month,
        CadenceFrequency.Quarterly => PeriodKind.Quarter,
        CadenceFrequency.HalfYearly => PeriodKind.HalfYear,
        _ => PeriodKind.Year,
    };
}
