using System.Globalization;
using System.Text.RegularExpressions;

namespace PolicyApi.Domain.Documents;

/// <summary>
/// A measure's completion deadline (完成时限) as the document writes it — 2021年6月底前, 年底前, 长期坚持 — and,
/// when the words name one day unambiguously, that day. Words such as 长期坚持 or 持续推进 have no day; neither
/// has a span of years (2021—2023年), since which end is meant is a judgement, not a reading.
/// </summary>
public static partial class Deadlines
{
    /// <summary>The last day the words allow, e.g. 2021年6月底前 → 2021-06-30; 年底前 in a document of 2022 → 2022-12-31; null when no single day is named.</summary>
    /// <param name="text">The deadline as written.</param>
    /// <param name="documentYear">The year of the document, for deadlines written without one (6月底前).</param>
    public static DateOnly? LastDay(string? text, int? documentYear)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // 全角 digits (２０２２年６月底前) read as ASCII; other scripts' digits are not read at all.
        var compact = Importing.Labels.ToAsciiDigits(Noise().Replace(text, string.Empty));
        var m = Expression().Match(compact);
        if (!m.Success || !(m.Groups["y"].Success || m.Groups["when"].Success) || Years().Count(compact) > 1)
        {
            return null;
        }

        int? year = m.Groups["y"].Success ? int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture) : documentYear;
        if (year is not { } y || y < Bounds.EarliestDate.Year || y > Bounds.LatestDate.Year)
        {
            return null;
        }

        var month = MonthOf(m);
        if (month is not (>= 1 and <= 12))
        {
            return null;
        }

        var lastDay = DateTime.DaysInMonth(y, month.Value);
        var day = m.Groups["d"].Success ? int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture) : lastDay;
        return day >= 1 && day <= lastDay ? new DateOnly(y, month.Value, day) : null;
    }

    private static int? MonthOf(Match m)
    {
        if (m.Groups["m"].Success)
        {
            return int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        }

        if (m.Groups["half"].Success)
        {
            return m.Groups["half"].Value == "上" ? 6 : 12;
        }

        if (m.Groups["q"].Success)
        {
            return "一二三四1234".IndexOf(m.Groups["q"].Value, StringComparison.Ordinal) % 4 * 3 + 3;
        }

        // 2021年底, 年底前, 年内, 全年.
        return 12;
    }

    // The whole text is one point in time, optionally closed by 前/之前/以前/完成: a year, then a month (with a day,
    // or 底/末), a half-year, a quarter, or the year's end; a year alone (2021年完成) means its end.
    [GeneratedRegex(@"^(?:(?<y>20[0-9]{2})年)?(?<when>(?<m>[0-9]{1,2})月(?:(?<d>[0-9]{1,2})日|底|末|份)?|(?<half>[上下])半年(?:底|末)?|第?(?<q>[一二三四1234])季度(?:底|末)?|年?底|年末|年内|全年)?(?:前|之前|以前)?(?:完成|办结|到位)?$")]
    private static partial Regex Expression();

    [GeneratedRegex(@"20[0-9]{2}年")]
    private static partial Regex Years();

    [GeneratedRegex(@"[\s，。,.]")]
    private static partial Regex Noise();
}
