using System.Globalization;
using System.Text.RegularExpressions;


namespace PolicyApi.Domain.Importing;

/// <summary>A quantitative commitment found in a clause, before it is placed in the document.</summary>
internal sealed record FoundTarget(
    int Start,
    int Length,
    string Text,
    string Indicator,
    string Comparator,
    decimal Value,
    string Unit,
    int? Year,
    bool Growth,
    string Scope,
    string? ScopeText);

/// <summary>
/// Finds the numbers a document commits to (7000万美元, 20%以上, 不少于4次, 不超过10个工作日) and leaves alone
/// the numbers that are not targets: thresholds that define a scope (投资额3000万美元以上的项目), terms and
/// durations (2至5年), numbers inside titles, quotations or parentheses, and counts with no comparator.
/// </summary>
internal static partial class TargetExtractor
{
    private static readonly Dictionary<string, string> AtLeastBefore = new(StringComparer.Ordinal)
    {
        ["不少于"] = ">=", ["不低于"] = ">=", ["至少"] = ">=", ["达到"] = ">=", ["超过"] = ">=", ["突破"] = ">=", ["力争"] = ">=", ["达"] = ">=",
        ["不超过"] = "<=", ["不高于"] = "<=", ["不多于"] = "<=", ["控制在"] = "<=", ["缩短至"] = "<=", ["压缩至"] = "<=", ["压减至"] = "<=", ["缩短到"] = "<=",
    };

    public static IEnumerable<FoundTarget> Find(string text, int? documentYear)
    {
        ArgumentNullException.ThrowIfNull(text);
        FoundTarget? previous = null;
        foreach (var clause in Clauses(text))
        {
            var sentenceStart = text.LastIndexOf('。', Math.Max(0, clause.Start - 1)) + 1;
            var context = clause.Start > sentenceStart ? text[sentenceStart..clause.Start] : string.Empty;
            var found = FindInClause(clause.Text, clause.Start, context, documentYear, previous);
            if (found is not null)
            {
                previous = found;
                yield return found;
            }
        }
    }

    private static FoundTarget? FindInClause(string clause, int offset, string context, int? documentYear, FoundTarget? previous)
    {
        var masked = MaskQuotedAndBracketed(clause);
        foreach (Match m in Quantity().Matches(masked))
        {
            var unit = NormaliseUnit(m.Groups["unit"].Value);
            var before = masked[..m.Index];
            var afterIndex = m.Index + m.Length;
            var after = masked[afterIndex..];
            string? comparator = null;
            var comparatorBefore = ComparatorBefore().Match(before);
            if (comparatorBefore.Success)
            {
                comparator = AtLeastBefore[comparatorBefore.Groups["word"].Value];
            }

            var suffix = ComparatorAfter().Match(after);
            if (suffix.Success)
            {
                comparator ??= suffix.Groups["word"].Value is "以上" or "及以上" ? ">=" : "<=";
                afterIndex += suffix.Length;
                after = masked[afterIndex..];
            }

            if (comparator is null && GoalWord().IsMatch(before))
            {
                comparator = ">=";
            }

            if (comparator is null)
            {
                continue;
            }

            // 3000万美元以上的项目, 1500万美元以上的重大项目: a threshold that says which projects, not a goal.
            if (after.StartsWith('的') || ThresholdLead().IsMatch(before))
            {
                continue;
            }

            // A figure no quantity can hold (a run of digits, not a target) is not read as one.
            if (!decimal.TryParse(Labels.ToAsciiDigits(m.Groups["num"].Value), NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
                || !Bounds.Contains(value))
            {
                continue;
            }

            var text = TrimTrailingParenthetical(clause).Trim();
            var growth = unit is "%" && GrowthWord().IsMatch(before);
            var scopeMatch = EachSubject().Match(clause);
            var scope = scopeMatch.Success ? "each" : "whole";
            var scopeText = scopeMatch.Success ? scopeMatch.Groups["who"].Value : null;
            if (!scopeMatch.Success && comparator == "<=" && unit is "工作日" or "天" or "小时" && TimeLimit().IsMatch(clause))
            {
                // 审批时限不超过10个工作日: a time limit binds every case on its own, not a region-wide total.
                scope = "each";
                scopeText = "每件（each case）";
            }

            var indicator = Indicator(clause, before, after, comparatorBefore.Success, scopeText, growth, previous);
            var yearMatch = Year().Match(before);
            if (!yearMatch.Success)
            {
                // 到2024年，全市实际使用外资达到15亿美元: the year governs the clauses after it in the sentence.
                yearMatch = Year().Match(MaskQuotedAndBracketed(context));
            }

            int? year = yearMatch.Success ? int.Parse(yearMatch.Groups["y"].Value, CultureInfo.InvariantCulture) : documentYear;
            var start = offset + (clause.Length - clause.TrimStart().Length);
            return new FoundTarget(start, text.Length, text, indicator, comparator, value, unit, year, growth, scope, scopeText);
        }

        return null;
    }

    private static string Indicator(string clause, string before, string after, bool comparatorFirst, string? scopeText, bool growth, FoundTarget? previous)
    {
        string indicator;
        var tail = TrimTrailingParenthetical(after).Trim('，', '。', '；', ' ');
        if (comparatorFirst && tail.Length > 1)
        {
            indicator = tail;
        }
        else
        {
            indicator = ComparatorBefore().Replace(before, string.Empty);
            indicator = GoalWord().Replace(indicator, string.Empty);
        }

        if (scopeText is not null && indicator.StartsWith(scopeText, StringComparison.Ordinal))
        {
            indicator = indicator[scopeText.Length..];
        }

        indicator = LeadingNoise().Replace(indicator, string.Empty).Trim('，', '、', ' ');
        if (growth && indicator.Length <= 4 && previous is not null)
        {
            // 同比增长20%以上 right after 实际利用外资…7000万美元: the growth of that same indicator.
            indicator = previous.Indicator + indicator;
        }

        return indicator.Length == 0 ? clause.Trim() : indicator;
    }

    private static string TrimTrailingParenthetical(string text)
    {
        var trimmed = text.TrimEnd();
        if (trimmed.EndsWith('）') || trimmed.EndsWith(')'))
        {
            var open = trimmed.LastIndexOfAny(['（', '(']);
            if (open > 0)
            {
                return trimmed[..open];
            }
        }

        return trimmed;
    }

    /// <summary>Replaces text inside 《》 “” 〔〕 and （） with spaces so numbers there are not read, keeping offsets.</summary>
    private static string MaskQuotedAndBracketed(string clause)
    {
        var chars = clause.ToCharArray();
        var depth = 0;
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (c is '《' or '〔' or '（' or '(' or '[' or '［' or '【')
            {
                depth++;
                continue;
            }

            if (c is '》' or '〕' or '）' or ')' or ']' or '］' or '】')
            {
                depth = Math.Max(0, depth - 1);
                continue;
            }

            if (depth > 0 && char.IsDigit(c))
            {
                chars[i] = '·';
            }
        }

        return new string(chars);
    }

    private static IEnumerable<(string Text, int Start)> Clauses(string text)
    {
        var start = 0;
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '（' or '(' or '《' or '“' or '〔')
            {
                depth++;
            }
            else if (c is '）' or ')' or '》' or '”' or '〕')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0 && c is '，' or '。' or '；' or ';' or '：' or ',')
            {
                if (i > start)
                {
                    yield return (text[start..i], start);
                }

                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return (text[start..], start);
        }
    }

    private static string NormaliseUnit(string unit) => unit switch
    {
        "个工作日" => "工作日",
        "％" => "%",
        "个百分点" => "个百分点",
        _ => unit,
    };

    [GeneratedRegex(@"(?<num>[0-9０-９]+(?:[.．][0-9０-９]+)?)\s*(?<unit>万美元|亿美元|美元|万元|亿元|元|%|％|个百分点|个工作日|工作日|人次|个|次|家|项|场|批|件|户|人|天|亩|平方米|平方公里|公里|吨|台|套|宗)")]
    private static partial Regex Quantity();

    [GeneratedRegex(@"(?<word>不少于|不低于|至少|达到|超过|突破|力争|不超过|不高于|不多于|控制在|缩短至|压缩至|压减至|缩短到|达)\s*$")]
    private static partial Regex ComparatorBefore();

    [GeneratedRegex(@"^\s*(?<word>及以上|以上|以下|以内)")]
    private static partial Regex ComparatorAfter();

    [GeneratedRegex(@"(工作目标|目标任务|目标值|目标为|目标是|目标)\s*$")]
    private static partial Regex GoalWord();

    [GeneratedRegex(@"(投资额|总投资额?|规模)[^，。；]*$")]
    private static partial Regex ThresholdLead();

    [GeneratedRegex(@"(增长|提高|提升|增加|上升)\s*$")]
    private static partial Regex GrowthWord();

    [GeneratedRegex(@"^(?<who>(各|每个)[^，。；\d]{1,12}?)(年内|全年|每年|要|在|开展|完成|实现|均|力争|新增|签约|引进|\d)")]
    private static partial Regex EachSubject();

    [GeneratedRegex(@"(时限|时间|用时|周期|办结|审批|办理|受理|之日起|作出|答复|处理)")]
    private static partial Regex TimeLimit();

    [GeneratedRegex(@"(?<y>20\d{2})\s*年")]
    private static partial Regex Year();

    [GeneratedRegex(@"^(\d{4}年|在\d{4}年|年内|全年|当年|全市|全区|全县|开展|实现|完成)+")]
    private static partial Regex LeadingNoise();
}
