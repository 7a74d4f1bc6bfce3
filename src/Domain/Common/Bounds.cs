namespace PolicyApi.Domain.Common;

/// <summary>
/// The ranges the domain works in. Dates outside them are a caller's mistake (a year 9999 "as of" date, a
/// 0001-01-01 issue date), and so are quantities beyond what a quantity column holds (numeric(20, 6)).
/// </summary>
public static class Bounds
{
    /// <summary>The earliest date a document, period, target or "as of" date may name.</summary>
    public static readonly DateOnly EarliestDate = new(1990, 1, 1);

    /// <summary>The latest date a document, period, target or "as of" date may name.</summary>
    public static readonly DateOnly LatestDate = new(2099, 12, 31);

    /// <summary>The decimal places a quantity keeps (numeric(20, 6)).</summary>
    public const int QuantityDecimals = 6;

    /// <summary>Quantities are below 10^14 in magnitude (numeric(20, 6) keeps 14 digits before the point).</summary>
    public const decimal MaxQuantity = 99_999_999_999_999.999999m;

    public static bool Contains(DateOnly date) => date >= EarliestDate && date <= LatestDate;

    public static bool Contains(DateTimeOffset instant) =>
        instant.UtcDateTime >= EarliestDate.ToDateTime(TimeOnly.MinValue) && instant.UtcDateTime <= LatestDate.ToDateTime(TimeOnly.MaxValue);

    public static bool Contains(decimal quantity) => Math.Abs(quantity) <= MaxQuantity;

    public static string DateRange => $"between {EarliestDate:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd}";
}
