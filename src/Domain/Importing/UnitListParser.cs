using System.Text;
using System.Text.RegularExpressions;

using PolicyApi.Domain.Documents;

namespace PolicyApi.Domain.Importing;

/// <summary>The units named at the end of a measure, with their roles, and the blanket clause if there is one.</summary>
internal sealed record UnitList(IReadOnlyList<DraftUnit> Units, string? Blanket);

/// <summary>
/// Reads the unit lists policy documents append to measures: 〔A、B牵头，C、D配合〕, 〔…分别按职责分工推进〕,
/// （责任单位：A、B，C）, （负责部门：…）, （牵头单位：A；配合单位：B）, and the blanket clause
/// "以下各项措施均需各县区、功能板块落实，不再列出".
/// </summary>
internal static partial class UnitListParser
{
    private static readonly string[] LeadKeywords = ["牵头单位", "牵头部门", "主办单位", "主责单位"];
    private static readonly string[] CooperatingKeywords = ["配合单位", "配合部门", "协办单位", "协同单位", "参与单位"];
    private static readonly string[] ResponsibleKeywords = ["责任单位", "责任部门", "负责单位", "负责部门", "承办单位", "实施单位", "落实单位", "责任主体"];

    /// <summary>Whether the bracket content reads as a unit list (and not as an ordinary parenthetical).</summary>
    public static bool LooksLikeUnitList(string content, char openBracket)
    {
        ArgumentNullException.ThrowIfNull(content);
        var trimmed = content.Trim();
        if (AllKeywords().Any(k => trimmed.StartsWith(k, StringComparison.Ordinal)))
        {
            return true;
        }

        if (openBracket is '〔' or '[' or '［' or '【')
        {
            return RoleSuffix().IsMatch(trimmed) || trimmed.Contains("牵头", StringComparison.Ordinal);
        }

        return false;
    }

    public static UnitList Parse(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var text = content.Trim();
        string? blanket = null;
        var blanketMatch = BlanketClause().Match(text);
        if (blanketMatch.Success)
        {
            blanket = blanketMatch.Groups["who"].Value.Trim('，', ',', '、', ' ');
            text = (text[..blanketMatch.Index] + text[(blanketMatch.Index + blanketMatch.Length)..]).Trim('，', ',', '；', ';', ' ');
        }

        var units = new List<DraftUnit>();
        foreach (var (segment, keywordRole) in SplitByKeywords(text))
        {
            units.AddRange(ParseGroups(segment, keywordRole));
        }

        return new UnitList(Deduplicate(units), blanket);
    }

    /// <summary>A blanket clause standing on its own in a measure's text ("以下各项措施均需各县区、功能板块落实").</summary>
    public static string? FindBlanketClause(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var m = BlanketClause().Match(text);
        return m.Success ? m.Groups["who"].Value.Trim('，', ',', '、', ' ') : null;
    }

    private static IEnumerable<string> AllKeywords() => LeadKeywords.Concat(CooperatingKeywords).Concat(ResponsibleKeywords);

    private static IEnumerable<(string Segment, UnitRole? Role)> SplitByKeywords(string text)
    {
        // （牵头单位：A；配合单位：B） and （牵头单位：A，配合单位：B）: each keyword opens a segment, whatever separates them.
        var keywords = KeywordLabel().Matches(text).Where(m => BracketDepthAt(text, m.Index) == 0).ToList();
        if (keywords.Count == 0)
        {
            yield return (text, null);
            yield break;
        }

        for (var i = 0; i < keywords.Count; i++)
        {
            var start = keywords[i].Index + keywords[i].Length;
            var end = i + 1 < keywords.Count ? keywords[i + 1].Index : text.Length;
            var keyword = keywords[i].Groups["k"].Value;
            var role = LeadKeywords.Contains(keyword) ? UnitRole.Lead
                : CooperatingKeywords.Contains(keyword) ? UnitRole.Cooperating
                : UnitRole.Responsible;
            yield return (text[start..end].Trim().TrimEnd('；', ';', '，', ',', '。'), role);
        }
    }

    private static int BracketDepthAt(string text, int index)
    {
        var depth = 0;
        for (var i = 0; i < index; i++)
        {
            if (text[i] is '（' or '(' or '〔' or '[' or '【')
            {
                depth++;
            }
            else if (text[i] is '）' or ')' or '〕' or ']' or '】')
            {
                depth = Math.Max(0, depth - 1);
            }
        }

        return depth;
    }

    /// <summary>
    /// An unbracketed list closing a measure: "…。责任单位：市商务局、市财政局。" — the position where it starts and its content.
    /// </summary>
    public static (int Start, string Content)? FindTrailingList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var m = TrailingList().Match(text);
        return m.Success ? (m.Groups["list"].Index, m.Groups["list"].Value) : null;
    }

    private static List<DraftUnit> ParseGroups(string text, UnitRole? keywordRole)
    {
        // Groups are separated by ，; each may end with its role (牵头, 配合, 分别按职责分工推进); a group without
        // one takes the role of the next group that has one ("A、B，C牵头" → all lead).
        var groups = SplitTopLevel(text, "，,").Select(g => g.Trim()).Where(g => g.Length > 0).ToList();
        var parsed = new List<(List<string> Names, List<IReadOnlyList<string>?> Components, UnitRole? Role)>();
        foreach (var group in groups)
        {
            var (body, role) = StripRole(group);
            var names = new List<string>();
            var components = new List<IReadOnlyList<string>?>();
            SplitGroup(body, names, components);
            parsed.Add((names, components, role));
        }

        var units = new List<DraftUnit>();
        for (var i = 0; i < parsed.Count; i++)
        {
            var role = keywordRole ?? parsed[i].Role ?? parsed.Skip(i + 1).Select(p => p.Role).FirstOrDefault(r => r is not null) ?? UnitRole.Responsible;
            for (var j = 0; j < parsed[i].Names.Count; j++)
            {
                var (name, inlineRole) = StripInlineRole(parsed[i].Names[j]);
                if (name.Length > 0)
                {
                    units.Add(new DraftUnit(name, inlineRole ?? role, parsed[i].Components[j]));
                }
            }
        }

        return units;
    }

    private static (string Body, UnitRole? Role) StripRole(string group)
    {
        var m = RoleSuffix().Match(group);
        if (!m.Success)
        {
            return (group, null);
        }

        var word = m.Groups["role"].Value;
        var role = word.Contains("牵头", StringComparison.Ordinal) ? UnitRole.Lead
            : word.Contains("配合", StringComparison.Ordinal) || word.Contains("协助", StringComparison.Ordinal)
              || word.Contains("参与", StringComparison.Ordinal) || word.Contains("协同", StringComparison.Ordinal) ? UnitRole.Cooperating
            : UnitRole.Responsible;
        return (group[..m.Index].Trim(), role);
    }

    private static (string Name, UnitRole? Role) StripInlineRole(string name)
    {
        var m = InlineRole().Match(name);
        if (!m.Success)
        {
            return (name, null);
        }

        var role = m.Groups["role"].Value == "牵头" ? UnitRole.Lead : UnitRole.Cooperating;
        return (name[..m.Index].Trim(), role);
    }

    private static void SplitGroup(string body, List<string> names, List<IReadOnlyList<string>?> components)
    {
        // 、 separates units, except inside brackets (各县（市、区）人民政府); "X和各Y" joins a unit and a collective.
        var parts = SplitTopLevel(body, "、")
            .SelectMany(p => AndCollective().Split(p))
            .Select(CleanName)
            .Where(p => p.Length > 0)
            .ToList();
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            if ((part.StartsWith('各') || part.StartsWith("其他", StringComparison.Ordinal)) && i + 1 < parts.Count)
            {
                // 各县区政府、功能板块 and 其他各区市县政府、先导区管委会 name one collective; keep the phrase whole.
                var rest = parts.Skip(i).ToList();
                names.Add(string.Join('、', rest));
                components.Add(rest);
                return;
            }

            names.Add(part);
            components.Add(null);
        }
    }

    private static string CleanName(string name)
    {
        var cleaned = name.Trim().Trim('，', ',', '、', '。', '；', ';', ' ', '：', ':');
        cleaned = TrailingEtc().Replace(cleaned, string.Empty);
        return cleaned.Trim();
    }

    private static List<DraftUnit> Deduplicate(List<DraftUnit> units)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return units.Where(u => seen.Add(u.Name)).ToList();
    }

    /// <summary>Splits on any of the separators that are not inside brackets or quotes.</summary>
    public static IEnumerable<string> SplitTopLevel(string text, string separators)
    {
        ArgumentNullException.ThrowIfNull(text);
        var depth = 0;
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (c is '（' or '(' or '〔' or '[' or '［' or '【' or '《' or '“')
            {
                depth++;
            }
            else if (c is '）' or ')' or '〕' or ']' or '］' or '】' or '》' or '”')
            {
                depth = Math.Max(0, depth - 1);
            }

            if (depth == 0 && separators.Contains(c, StringComparison.Ordinal))
            {
                yield return current.ToString();
                current.Clear();
                continue;
            }

            current.Append(c);
        }

        yield return current.ToString();
    }

    [GeneratedRegex(@"(?<k>牵头单位|牵头部门|主办单位|主责单位|配合单位|配合部门|协办单位|协同单位|参与单位|责任单位|责任部门|负责单位|负责部门|承办单位|实施单位|落实单位|责任主体)\s*[：:]\s*")]
    private static partial Regex KeywordLabel();

    [GeneratedRegex(@"(?:^|[。；;])\s*(?<list>(牵头单位|责任单位|责任部门|负责单位|负责部门|牵头部门)\s*[：:][^。（(〔]*?)[。；;]?\s*$")]
    private static partial Regex TrailingList();

    [GeneratedRegex(@"(?<role>(分别)?(按职责分工|按照职责分工|按职责)?(牵头|配合|协助|参与|协同|负责|推进|落实|分工负责)(落实|推进|负责)?)$")]
    private static partial Regex RoleSuffix();

    [GeneratedRegex(@"[（(](?<role>牵头|配合)[）)]$")]
    private static partial Regex InlineRole();

    [GeneratedRegex(@"(?<=[^\s])和(?=各)")]
    private static partial Regex AndCollective();

    [GeneratedRegex(@"等(部门|单位|有关部门|相关部门)?$")]
    private static partial Regex TrailingEtc();

    [GeneratedRegex(@"以下(各项|所有)?(措施|任务|工作|条款)?[^，,；;]{0,4}?(均需|均由|均要|均应|需|由)(?<who>[^，,；;]+?)(负责)?(落实|实施|执行|推进)[，,；;]?(不再(一一)?列出)?")]
    private static partial Regex BlanketClause();
}
