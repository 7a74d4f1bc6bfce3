using System.Globalization;

namespace PolicyApi.Api.Features.Targets;

/// <summary>
/// A target's period as the API writes it: a reporting period code (<c>2021</c>, <c>2021-H1</c>, <c>2021-Q2</c>,
/// <c>2021-M06</c>) or an ISO 8601 interval of dates (<c>2021-03-01/2022-02-28</c>).
/// </summary>
public static class TargetPeriod
{
    public static (DateOnly Start, DateOnly End) Parse(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainValidationException(field, $"'{field}' is required: a year such as 2021, a period such as 2021-H1, or dates as 2021-03-01/2022-02-28.");
        }

        if (ReportingPeriod.TryParse(text, out var period))
        {
            return (period.Start, period.End);
        }

        var parts = text.Split('/');
        if (parts.Length == 2
            && DateOnly.TryParseExact(parts[0].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            && DateOnly.TryParseExact(parts[1].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
        {
            if (end < start)
            {
                throw new DomainValidationException(field, "The period cannot end before it starts.");
            }

            return (start, end);
        }

        throw new DomainValidationException(field, $"'{text}' is not a period: use a year such as 2021, a period such as 2021-H1, or dates as 2021-03-01/2022-02-28.");
    }

    /// <summary>The shortest way to write the span: a period code when it is one, else the date interval.</summary>
    public static string Format(DateOnly start, DateOnly end)
    {
        foreach (var kind in new[] { PeriodKind.Year, PeriodKind.HalfYear, PeriodKind.Quarter, PeriodKind.Month, PeriodKind.Week })
        {
            var period = ReportingPeriod.Containing(start, kind);
            if (period.Start == start && period.End == end)
            {
                return period.Code;
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{start:yyyy-MM-dd}/{end:yyyy-MM-dd}");
    }
}
