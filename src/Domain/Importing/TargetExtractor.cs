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
        ["不少于"] = ">=", ["不低于"] = ">=", ["至少"] = ">=", ["达到"] = ">=", ["超过"] = ">=", ["突破"] = ">=", ["力争"] = ">=", ["达"] = ">=", ["完成"] = ">=",
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
            foreach (var found in FindInClause(clause.Text, clause.Start, context, documentYear, previous))
            {
                previous = found;
                yield return found;
            }
        }
    }

    /// <summary>A figure of a clause read as a target: where its words start, where the figure (with 以上/以下) ends.</summary>
    private sealed record Reading(int SegmentStart, Match Figure, int FigureEnd, string Comparator, bool ComparatorFirst, string Unit, decimal Value, bool Growth, string? Qualifier);

    private static List<FoundTarget> FindInClause(string clause, int offset, string context, int? documentYear, FoundTarget? previous)
    {
        // Digits inside brackets and quotes are masked so they are not read; the words kept are always the clause's own.
        var masked = MaskQuotedAndBracketed(clause);
        var figures = Quantity().Matches(masked).ToList();
        var readings = new List<Reading>();
        var segmentStart = 0;
        string? qualifier = null;
        for (var q = 0; q < figures.Count; q++)
        {
            var m = figures[q];
            var unit = NormaliseUnit(m.Groups["unit"].Value);
            var before = masked[segmentStart..m.Index];
            if (readings.Count > 0 && before.LastIndexOf('、') is var cut and >= 0)
            {
                // 突破13亿美元、同比增长8%以上: the words of the second target start after the 、.
                segmentStart += cut + 1;
                before = before[(cut + 1)..];
            }

            var afterIndex = m.Index + m.Length;
            var nextFigure = q + 1 < figures.Count ? figures[q + 1].Index : masked.Length;
            var comparatorBefore = ComparatorBefore().Match(before);
            var lead = comparatorBefore.Success ? before[..comparatorBefore.Index] : before;
            var comparator = comparatorBefore.Success ? AtLeastBefore[comparatorBefore.Groups["word"].Value] : null;
            if (unit == "名")
            {
                // 进入前10名 is a rank (lower is better); any other 名 is a head count, not read as a target.
                var rank = RankBefore().Match(before);
                if (!rank.Success)
                {
                    continue;
                }

                comparator = "<=";
                lead = before[..rank.Index];
            }
            else if (unit == "位次" && comparator is null && RankGain().IsMatch(before))
            {
                comparator = ">=";
            }

            var suffix = ComparatorAfter().Match(masked[afterIndex..]);
            if (suffix.Success && suffix.Groups["word"].Value == "内" && unit is not ("工作日" or "天" or "小时"))
            {
                suffix = Match.Empty; // 内 closes a time limit (30个工作日内办结), nothing else
            }

            if (suffix.Success)
            {
                comparator ??= suffix.Groups["word"].Value is "以上" or "及以上" ? ">=" : "<=";
                afterIndex += suffix.Length;
            }

            if (comparator is null && GoalWord().IsMatch(before))
            {
                comparator = ">=";
                lead = GoalWord().Replace(lead, string.Empty);
            }

            if (comparator is null && Pledge().IsMatch(masked) && masked[afterIndex..].StartsWith('、'))
            {
                // 确保全年全市实际使用外资1.2亿美元、同比增长15%以上: a figure pledged as the first of a list is a level to reach.
                comparator = ">=";
            }

            if (comparatorBefore.Success && CapLead().IsMatch(lead) && unit is "元" or "万元" or "亿元")
            {
                // 单个项目最高不超过1000万元: the most support may give, not a goal.
                continue;
            }

            if (comparator is null)
            {
                continue;
            }

            var after = masked[afterIndex..Math.Max(afterIndex, nextFigure)];
            if (suffix.Success && suffix.Groups["word"].Value is not ("内" or "以内") && QualifiesANoun(after))
            {
                // 3000万美元以上外资项目到账率达到70%: a figure with 以上 followed by the noun it qualifies says which
                // projects; the target is what the clause goes on to require of them.
                var phrase = ComparatorBefore().Replace(after, string.Empty);
                var head = QualifiedNoun().Match(phrase);
                var nounLength = head.Success ? head.Groups["noun"].Length : phrase.Length;
                qualifier = clause[m.Index..(afterIndex + nounLength)].Trim();
                segmentStart = afterIndex + nounLength;
                continue;
            }

            // 投资额3000万美元以上 with no verb that requires it: a threshold that says which projects, not a goal.
            if (!comparatorBefore.Success && ThresholdLead().IsMatch(before) && !GrowthWord().IsMatch(before))
            {
                continue;
            }

            // A figure no quantity can hold (a run of digits, not a target) is not read as one.
            if (!decimal.TryParse(Labels.ToAsciiDigits(m.Groups["num"].Value), NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
                || !Bounds.Contains(value))
            {
                continue;
            }

            var growth = unit is "%" && GrowthWord().IsMatch(lead);
            readings.Add(new Reading(segmentStart, m, afterIndex, comparator, comparatorBefore.Success, unit, value, growth, qualifier));
            segmentStart = afterIndex;
        }

        var found = new List<FoundTarget>();
        for (var r = 0; r < readings.Count; r++)
        {
            var reading = readings[r];
            var m = reading.Figure;
            string text;
            int start;
            if (readings.Count == 1)
            {
                text = TrimTrailingParenthetical(clause).Trim();
                start = offset + (clause.Length - clause.TrimStart().Length);
            }
            else
            {
                // Several targets in one clause: each keeps its own words, up to where the next one's begin.
                var end = r + 1 < readings.Count ? readings[r + 1].SegmentStart : clause.Length;
                var own = clause[reading.SegmentStart..end];
                text = TrimTrailingParenthetical(own.TrimEnd('、', ' ')).Trim();
                start = offset + reading.SegmentStart + (own.Length - own.TrimStart().Length);
            }

            var scopeMatch = EachSubject().Match(clause);
            var scope = scopeMatch.Success ? "each" : "whole";
            var scopeText = scopeMatch.Success ? scopeMatch.Groups["who"].Value : reading.Qualifier;
            if (!scopeMatch.Success && reading.Comparator == "<=" && reading.Unit is "工作日" or "天" or "小时" && TimeLimit().IsMatch(clause))
            {
                // 审批时限不超过10个工作日: a time limit binds every case on its own, not a region-wide total.
                scope = "each";
                scopeText = "每件（each case）";
            }

            var before = clause[reading.SegmentStart..m.Index];
            var afterEnd = r + 1 < readings.Count ? readings[r + 1].SegmentStart : clause.Length;
            var after = clause[reading.FigureEnd..Math.Max(reading.FigureEnd, afterEnd)];
            var indicator = Indicator(clause, before, after, reading, scopeMatch.Success ? scopeText : null, previous);
            var yearMatch = Year().Match(masked[reading.SegmentStart..m.Index]);
            if (!yearMatch.Success)
            {
                // 到2024年，全市实际使用外资达到15亿美元: the year governs the clauses after it in the sentence.
                yearMatch = Year().Match(MaskQuotedAndBracketed(clause[..reading.SegmentStart] + "，" + context));
            }

            int? year = yearMatch.Success ? int.Parse(yearMatch.Groups["y"].Value, CultureInfo.InvariantCulture) : documentYear;
            var target = new FoundTarget(start, text.Length, text, indicator, reading.Comparator, reading.Value, reading.Unit, year, reading.Growth, scope, scopeText);
            found.Add(target);
            previous = target;
        }

        return found;
    }

    /// <summary>以上 followed by words (not the end of the clause): 3000万美元以上外资项目, 1500万美元以上的重大项目.</summary>
    private static bool QualifiesANoun(string after)
    {
        var rest = after.TrimStart(' ');
        return rest.Length > 0 && (rest[0] == '的' || char.IsLetter(rest[0])) && !ComparatorStart().IsMatch(rest);
    }

    private static string Indicator(string clause, string before, string after, Reading reading, string? scopeText, FoundTarget? previous)
    {
        string indicator;
        // The noun after the figure names what is counted (不少于3场专题招商活动), up to the next 、 or clause.
        var tail = TrimTrailingParenthetical(after.Split('、')[0]).Trim('，', '。', '；', ' ');
        if (reading.ComparatorFirst && tail.Length > 1)
        {
            indicator = tail;
        }
        else
        {
            indicator = ComparatorBefore().Replace(before, string.Empty);
            indicator = RankBefore().Replace(indicator, string.Empty);
            indicator = GoalWord().Replace(indicator, string.Empty);
        }

        if (scopeText is not null && indicator.StartsWith(scopeText, StringComparison.Ordinal))
        {
            indicator = indicator[scopeText.Length..];
        }

        indicator = LeadingNoise().Replace(indicator, string.Empty).Trim('，', '、', ' ');
        if (reading.Unit == "名" && !indicator.Contains("排名", StringComparison.Ordinal) && !indicator.Contains("名次", StringComparison.Ordinal))
        {
            indicator += "排名";
        }

        if (reading.Growth && indicator.Length <= 4 && previous is not null && !previous.Growth)
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
        "个位次" => "位次",
        _ => unit,
    };

    [GeneratedRegex(@"(?<num>[0-9０-９]+(?:[.．][0-9０-９]+)?)\s*(?<unit>万美元|亿美元|美元|万元|亿元|元|%|％|个百分点|个工作日|工作日|人次|家次|个位次|位次|个|次|家|项|场|批|件|户|人|名|天|亩|平方米|平方公里|公里|吨|台|套|宗)")]
    private static partial Regex Quantity();

    [GeneratedRegex(@"(?<word>不少于|不低于|至少|达到|超过|突破|力争|完成|不超过|不高于|不多于|控制在|缩短至|压缩至|压减至|缩短到|达)\s*$")]
    private static partial Regex ComparatorBefore();

    [GeneratedRegex(@"^\s*(?<word>及以上|以上|以下|以内|内)")]
    private static partial Regex ComparatorAfter();

    /// <summary>A clause that pledges what follows: 确保…, 力争…, 争取….</summary>
    [GeneratedRegex(@"^\s*(确保|力争|争取)")]
    private static partial Regex Pledge();

    /// <summary>The words of a cap on support: 最高不超过, 最多不超过.</summary>
    [GeneratedRegex(@"(最高|最多|累计最高)\s*$")]
    private static partial Regex CapLead();

    [GeneratedRegex(@"(工作目标|目标任务|目标值|目标为|目标是|目标)\s*$")]
    private static partial Regex GoalWord();

    [GeneratedRegex(@"(投资额|总投资额?|规模)[^，。；]*$")]
    private static partial Regex ThresholdLead();

    [GeneratedRegex(@"(增长|增幅|增速|提高|提升|增加|上升)(率|幅度)?(达到|达|为|在|保持在)?\s*$")]
    private static partial Regex GrowthWord();

    /// <summary>进入前10名, 保持全省前3名: a rank to reach or keep.</summary>
    [GeneratedRegex(@"(进入|跻身|保持|位居|位列|稳居|排名|排在|争创|力争)(全国|全省|全市|全区|同类)?[^，。；、]{0,4}?前\s*$")]
    private static partial Regex RankBefore();

    /// <summary>提升3个位次: positions gained in a ranking.</summary>
    [GeneratedRegex(@"(提升|前移|上升|提高|进位|晋升|前进)\s*$")]
    private static partial Regex RankGain();

    /// <summary>What a figure with 以上 may qualify: the noun up to its head (外资项目 of 外资项目到账率).</summary>
    [GeneratedRegex(@"^(?<noun>.*(项目|企业|资金|公司|主体|园区|单位|外资))(?=.)")]
    private static partial Regex QualifiedNoun();

    /// <summary>Words after a figure that begin a comparison of their own rather than a noun.</summary>
    [GeneratedRegex(@"^(以上|以下|以内|及以上|左右)")]
    private static partial Regex ComparatorStart();

    [GeneratedRegex(@"^(?<who>(各|每个)[^，。；\d]{1,12}?)(年内|全年|每年|每季度|要|在|开展|完成|实现|均|力争|新增|签约|引进|举办|不少于|不低于|至少|达到|\d)")]
    private static partial Regex EachSubject();

    [GeneratedRegex(@"(时限|时间|用时|周期|办结|审批|办理|受理|之日起|作出|答复|处理)")]
    private static partial Regex TimeLimit();

    [GeneratedRegex(@"(?<y>20[0-9]{2})\s*年")] // ASCII digits: int.Parse reads no others
    private static partial Regex Year();

    [GeneratedRegex(@"^(力争|确保|争取|到\d{4}年|\d{4}年|在\d{4}年|年内|全年|当年|全市|全区|全县|开展|实现|完成)+")]
    private static partial Regex LeadingNoise();
}
