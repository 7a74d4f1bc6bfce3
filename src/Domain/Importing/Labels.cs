using System.Globalization;
using System.Text.RegularExpressions;

namespace PolicyApi.Domain.Importing;

/// <summary>The styles of numbering Chinese policy documents use, outermost first.</summary>
internal enum LabelStyle
{
    /// <summary>一、 二、 (or 第一章, 第一部分): a chapter.</summary>
    Chapter,

    /// <summary>（一） (一): a measure or a heading.</summary>
    Bracketed,

    /// <summary>1. 1、 1．: a numbered item.</summary>
    Numbered,

    /// <summary>（1） (1): a numbered sub-item.</summary>
    BracketedNumber,

    /// <summary>一是 二是: a sub-item inside a measure.</summary>
    Ordinal,
}

/// <summary>A label found at the start of a line: its style, number, the text as written and where the rest begins.</summary>
internal sealed record FoundLabel(LabelStyle Style, int Number, string AsWritten, string Normalised, int RestStart);

internal static partial class Labels
{
    private const string Numerals = "一二三四五六七八九十百零〇两";

    public static FoundLabel? Find(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        Match m;
        if ((m = ChapterPattern().Match(line)).Success)
        {
            var n = ParseChinese(m.Groups["n"].Value);
            return n is null ? null : new FoundLabel(LabelStyle.Chapter, n.Value, m.Value, m.Groups["n"].Value + "、", m.Length);
        }

        if ((m = PartPattern().Match(line)).Success)
        {
            var n = ParseChinese(m.Groups["n"].Value);
            return n is null ? null : new FoundLabel(LabelStyle.Chapter, n.Value, m.Value.Trim(), m.Value.Trim(), m.Length);
        }

        if ((m = ArticlePattern().Match(line)).Success)
        {
            // 第三条: articles of 办法 and 规定 number the measures across chapters.
            var n = ParseChinese(m.Groups["n"].Value);
            return n is null ? null : new FoundLabel(LabelStyle.Bracketed, n.Value, m.Value.Trim(), "第" + m.Groups["n"].Value + "条", m.Length);
        }

        if ((m = BracketedPattern().Match(line)).Success)
        {
            var n = ParseChinese(m.Groups["n"].Value);
            var asWritten = m.Groups["label"].Value;
            return n is null ? null : new FoundLabel(LabelStyle.Bracketed, n.Value, asWritten, "（" + m.Groups["n"].Value + "）", m.Length);
        }

        if ((m = BracketedNumberPattern().Match(line)).Success)
        {
            var n = int.Parse(ToAsciiDigits(m.Groups["n"].Value), CultureInfo.InvariantCulture);
            return new FoundLabel(LabelStyle.BracketedNumber, n, m.Groups["label"].Value, "（" + n.ToString(CultureInfo.InvariantCulture) + "）", m.Length);
        }

        if ((m = NumberedPattern().Match(line)).Success)
        {
            var n = int.Parse(ToAsciiDigits(m.Groups["n"].Value), CultureInfo.InvariantCulture);
            return new FoundLabel(LabelStyle.Numbered, n, m.Groups["label"].Value, n.ToString(CultureInfo.InvariantCulture) + ".", m.Length);
        }

        if ((m = OrdinalPattern().Match(line)).Success)
        {
            var n = ParseChinese(m.Groups["n"].Value);
            return n is null ? null : new FoundLabel(LabelStyle.Ordinal, n.Value, m.Groups["label"].Value, m.Groups["label"].Value, m.Length);
        }

        return null;
    }

    public static string Format(LabelStyle style, int number) => style switch
    {
        LabelStyle.Chapter => ToChinese(number) + "、",
        LabelStyle.Bracketed => "（" + ToChinese(number) + "）",
        LabelStyle.Numbered => number.ToString(CultureInfo.InvariantCulture) + ".",
        LabelStyle.BracketedNumber => "（" + number.ToString(CultureInfo.InvariantCulture) + "）",
        _ => ToChinese(number) + "是",
    };

    /// <summary>一 → 1, 十二 → 12, 二十五 → 25, 一百零三 → 103; null when it is not a numeral.</summary>
    public static int? ParseChinese(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var total = 0;
        var current = 0;
        foreach (var c in text)
        {
            var digit = "零一二三四五六七八九".IndexOf(c, StringComparison.Ordinal);
            if (c is '〇')
            {
                digit = 0;
            }
            else if (c is '两')
            {
                digit = 2;
            }

            if (digit >= 0)
            {
                current = digit;
                continue;
            }

            var unit = c switch { '十' => 10, '百' => 100, _ => 0 };
            if (unit == 0)
            {
                return null;
            }

            total += (current == 0 ? 1 : current) * unit;
            current = 0;
        }

        return total + current;
    }

    public static string ToChinese(int number)
    {
        const string digits = "零一二三四五六七八九";
        if (number < 10)
        {
            return digits[number].ToString();
        }

        if (number < 100)
        {
            var tens = number / 10;
            var ones = number % 10;
            return (tens == 1 ? string.Empty : digits[tens].ToString()) + "十" + (ones == 0 ? string.Empty : digits[ones].ToString());
        }

        return number.ToString(CultureInfo.InvariantCulture);
    }

    public static string ToAsciiDigits(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is >= '０' and <= '９' ? (char)('0' + (c - '０')) : c;
            }
        });
    }

    public static bool IsNumeral(char c) => Numerals.Contains(c, StringComparison.Ordinal);

    [GeneratedRegex(@"^(?<n>[一二三四五六七八九十]{1,3})\s*[、．.]\s*")]
    private static partial Regex ChapterPattern();

    [GeneratedRegex(@"^第(?<n>[一二三四五六七八九十]{1,3})(部分|章)\s*")]
    private static partial Regex PartPattern();

    [GeneratedRegex(@"^第(?<n>[一二三四五六七八九十百零〇]{1,5})条\s*")]
    private static partial Regex ArticlePattern();

    // （一） (一) and damaged forms with one bracket missing: （一 / 一）.
    [GeneratedRegex(@"^(?<label>[（(]\s*(?<n>[一二三四五六七八九十]{1,3})\s*[）)]|[（(](?<n>[一二三四五六七八九十]{1,3})(?=[\p{IsCJKUnifiedIdeographs}“])|(?<n>[一二三四五六七八九十]{1,3})[）)])\s*")]
    private static partial Regex BracketedPattern();

    [GeneratedRegex(@"^(?<label>[（(]\s*(?<n>[0-9０-９]{1,3})\s*[）)])\s*")]
    private static partial Regex BracketedNumberPattern();

    // 1. 1、 1． — but not 14.84 or 2021年.
    [GeneratedRegex(@"^(?<label>(?<n>[0-9０-９]{1,3})\s*[.．、](?![0-9０-９]))\s*")]
    private static partial Regex NumberedPattern();

    [GeneratedRegex(@"^(?<label>(?<n>[一二三四五六七八九十]{1,3})是)[，,：:]?\s*")]
    private static partial Regex OrdinalPattern();
}
