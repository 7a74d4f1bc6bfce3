using System.Globalization;
using System.Text.RegularExpressions;

namespace PolicyApi.Domain.Supervision;

public enum PeriodKind
{
    Week,
    Month,
    Quarter,
    HalfYear,
    Year,
}

/// <summary>
/// A reporting period written as the API writes it: <c>2021-W05</c> (ISO week), <c>2021-M06</c>,
/// <c>2021-Q2</c>, <c>2021-H1</c>, <c>2021</c>. Weeks run Monday to Sunday and belong to their ISO year.
/// </summary>
public readonly partial record struct ReportingPeriod
{
    private ReportingPeriod(PeriodKind kind, int year, int number)
    {
        Kind = kind;
        Year = year;
        Number = number;
    }

    public PeriodKind Kind { get; }

    public int Year { get; }

    /// <summary>Week, month, quarter or half number within the year; 1 for a year.</summary>
    public int Number { get; }

    public DateOnly Start => Kind switch
    {
        PeriodKind.Week => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Number, DayOfWeek.Monday)),
        PeriodKind.Month => new DateOnly(Year, Number, 1),
        PeriodKind.Quarter => new DateOnly(Year, ((Number - 1) * 3) + 1, 1),
        PeriodKind.HalfYear => new DateOnly(Year, Number == 1 ? 1 : 7, 1),
        _ => new DateOnly(Year, 1, 1),
    };

    public DateOnly End => Kind switch
    {
        PeriodKind.Week => Start.AddDays(6),
        PeriodKind.Month => Start.AddMonths(1).AddDays(-1),
        PeriodKind.Quarter => Start.AddMonths(3).AddDays(-1),
        PeriodKind.HalfYear => Start.AddMonths(6).AddDays(-1),
        _ => new DateOnly(Year, 12, 31),
    };

    public string Code => Kind switch
    {
        PeriodKind.Week => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-W{Number:D2}"),
        PeriodKind.Month => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-M{Number:D2}"),
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Number}"),
        PeriodKind.HalfYear => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-H{Number}"),
        _ => Year.ToString("D4", CultureInfo.InvariantCulture),
    };

    public static ReportingPeriod Week(int isoYear, int week) => Create(PeriodKind.Week, isoYear, week);

    public static ReportingPeriod Month(int year, int month) => Create(PeriodKind.Month, year, month);

    public static ReportingPeriod Quarter(int year, int quarter) => Create(PeriodKind.Quarter, year, quarter);

    public static ReportingPeriod Half(int year, int half) => Create(PeriodKind.HalfYear, year, half);

    public static ReportingPeriod OfYear(int year) => Create(PeriodKind.Year, year, 1);

    /// <summary>The period of the given kind that contains the date.</summary>
    public static ReportingPeriod Containing(DateOnly date, PeriodKind kind)
    {
        var day = date.ToDateTime(TimeOnly.MinValue);
        return kind switch
        {
            PeriodKind.Week => Week(ISOWeek.GetYear(day), ISOWeek.GetWeekOfYear(day)),
            PeriodKind.Month => Month(date.Year, date.Month),
            PeriodKind.Quarter => Quarter(date.Year, ((date.Month - 1) / 3) + 1),
            PeriodKind.HalfYear => Half(date.Year, date.Month <= 6 ? 1 : 2),
            _ => OfYear(date.Year),
        };
    }

    public bool Within(DateOnly from, DateOnly to) => Start >= from && End <= to;

    public static bool TryParse(string? text, out ReportingPeriod period)
    {
        period = default;
        var match = Pattern().Match(text?.Trim() ?? string.Empty);
        if (!match.Success)
        {
            return false;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year is < 1900 or > 2200)
        {
            return false;
        }

        if (!match.Groups["kind"].Success)
        {
            period = OfYear(year);
            return true;
        }

        var number = int.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture);
        var kind = char.ToUpperInvariant(match.Groups["kind"].Value[0]) switch
        {
            'W' => PeriodKind.Week,
            'M' => PeriodKind.Month,
            'Q' => PeriodKind.Quarter,
            _ => PeriodKind.HalfYear,
        };
        if (number < 1 || number > MaxNumber(kind, year))
        {
            return false;
        }

        period = new ReportingPeriod(kind, year, number);
        return true;
    }

    /// <summary>Parses a period code, or throws a validation error naming the field.</summary>
    public static ReportingPeriod Parse(string? text, string field) =>
        TryParse(text, out var period)
            ? period
            : throw new DomainValidationException(field, $"'{text}' is not a reporting period: use 2021 (year), 2021-H1, 2021-Q2, 2021-M06 or 2021-W05.");

    public override string ToString() => Code;

    private static ReportingPeriod Create(PeriodKind kind, int year, int number)
    {
        if (number < 1 || number > MaxNumber(kind, year))
        {
            throw new ArgumentOutOfRangeException(nameof(number), $"{kind} {number} does not exist in {year}.");
        }

        return new ReportingPeriod(kind, year, number);
    }

    private static int MaxNumber(PeriodKind kind, int year) => kind switch
    {
        PeriodKind.Week => ISOWeek.GetWeeksInYear(year),
        PeriodKind.Month => 12,
        PeriodKind.Quarter => 4,
        PeriodKind.HalfYear => 2,
        _ => 1,
    };

    [GeneratedRegex(@"^(?<year>\d{4})(-(?<kind>[WwMmQqHh])(?<number>\d{1,2}))?$")]
    private static partial Regex Pattern();
}
