using System.Text;
using System.Text.RegularExpressions;

using PolicyApi.Domain.Documents;

namespace PolicyApi.Domain.Importing;

/// <summary>
/// The units named at the end of a measure, with their roles, and the blanket clause if there is one; or, for a list that
/// cannot be read (unbalanced brackets, no unit named), the list as written in <paramref name="Unparsed"/> and no units.
/// </summary>
internal sealed record UnitList(IReadOnlyList<DraftUnit> Units, string? Blanket, string? Unparsed = null);

/// <summary>
/// Reads the unit lists policy documents append to measures: 〔A、B牵头，C、D配合〕, 〔…分别按职责分工推进〕,
/// （责任单位：A、B，C）, （负责部门：…）, （牵头单位：A；配合单位：B）, （市商务局牵头，市发改委、市财政局配合）, （由X负责）, and the
/// same without brackets as the measure's last sentence (责任单位：A、B。 / A牵头，B配合。 / 由A负责。 / A、B按职责分工负责。),
/// and the blanket clause "以下各项措施均需各县区、功能板块落实，不再列出".
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

        // （市商务局牵头，市发改委配合）, （由市商务局负责）: round brackets hold ordinary asides too, so every name must read as a unit.
        return IsRoleSentence(trimmed);
    }

    /// <summary>
    /// Whether the text is nothing but units with their roles: "A牵头，B、C配合", "由A负责", "A、B按职责分工负责" — each
    /// group ends with a role, and every name is a unit's (ends as the names of bodies do) or a class of units.
    /// </summary>
    public static bool IsRoleSentence(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var body = LeadingBy().Replace(text.Trim().TrimEnd('。', '；', ';'), string.Empty);
        var groups = SplitTopLevel(body, "，,").Select(g => g.Trim()).Where(g => g.Length > 0).ToList();
        if (groups.Count == 0 || !RoleSuffix().IsMatch(groups[^1]))
        {
            return false;
        }

        foreach (var group in groups)
        {
            var (names, _) = StripRole(group);
            var parts = SplitTopLevel(names, "、").SelectMany(p => AndCollective().Split(p)).Select(CleanName).ToList();
            if (parts.Count == 0 || parts.Any(p => !IsUnitName(p)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>市商务局, 各县（市、区）人民政府, 防城海关, 区财政局（金融办）: a name ending as the names of bodies end.</summary>
    public static bool IsUnitName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length is >= 2 and <= 40 && !name.Any(c => c is '。' or '；' or ';' or '：' or ':' || char.IsDigit(c))
            && (DraftUnit.IsCollective(name) || UnitNameEnding().IsMatch(name));
    }

    public static UnitList Parse(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var text = content.Trim();
        if (!BracketsBalance(text))
        {
            // 〔市商务局牵头，各县（市、区人民政府配合〕: where a name ends cannot be told; a person reads it.
            return new UnitList([], null, text);
        }

        text = LeadingBy().Replace(text, string.Empty);
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

        units = Deduplicate(units);
        return units.Count == 0 && blanket is null && text.Length > 0 ? new UnitList([], null, content.Trim()) : new UnitList(units, blanket);
    }

    /// <summary>Whether every bracket opened in the text is closed, in order.</summary>
    public static bool BracketsBalance(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var depth = 0;
        foreach (var c in text)
        {
            if (c is '（' or '(' or '〔' or '[' or '［' or '【')
            {
                depth++;
            }
            else if (c is '）' or ')' or '〕' or ']' or '］' or '】' && --depth < 0)
            {
                return false;
            }
        }

        return depth == 0;
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
        if (m.Success)
        {
            return (m.Groups["list"].Index, m.Groups["list"].Value);
        }

        var trimmed = text.TrimEnd(' ', '。', '；', ';');
        var open = UnclosedBracket(trimmed);
        if (open >= 0)
        {
            // （责任单位：市商务局、市发改委 — never closed: the list is taken whole, and Parse says it cannot be read.
            var content = trimmed[(open + 1)..].TrimEnd('）', ')', '〕', ']', '］', '】', ' ');
            var looksLikeOne = AllKeywords().Any(k => content.TrimStart().StartsWith(k, StringComparison.Ordinal))
                || RoleSuffix().IsMatch(content) || content.Contains("牵头", StringComparison.Ordinal);
            return looksLikeOne ? (open, trimmed[open..]) : null;
        }

        // 市商务局牵头，市发改委配合。 / 由市商务局负责。 as the last sentence of the measure.
        var sentenceStart = trimmed.LastIndexOfAny(['。', '；', ';']) + 1;
        var sentence = trimmed[sentenceStart..];
        var lead = sentence.Length - sentence.TrimStart().Length;
        return sentenceStart > 0 && IsRoleSentence(sentence) ? (sentenceStart + lead, sentence.Trim()) : null;
    }

    /// <summary>Where the last bracket that is opened and never closed starts, or -1.</summary>
    private static int UnclosedBracket(string text)
    {
        var opens = new Stack<int>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '（' or '(' or '〔' or '[' or '［' or '【')
            {
                opens.Push(i);
            }
            else if (text[i] is '）' or ')' or '〕' or ']' or '］' or '】' && opens.Count > 0)
            {
                opens.Pop();
            }
        }

        return opens.Count > 0 ? opens.Last() : -1;
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

    [GeneratedRegex(@"^由(?=\S)")]
    private static partial Regex LeadingBy();

    [GeneratedRegex(@"(局|委|办|厅|政府|管委会|委员会|中心|室|部|会|院|行|海关|关|区|县|市|街道|办事处|指挥部|公司|集团|所|站|队|处|署|支行|分行|分局|支局|组|联|港|片区|主体|单位|部门)(（[^（）]+）|\([^()]+\))?$")]
    private static partial Regex UnitNameEnding();

    [GeneratedRegex(@"(?<=[^\s])和(?=各)")]
    private static partial Regex AndCollective();

    [GeneratedRegex(@"等(部门|单位|有关部门|相关部门)?$")]
    private static partial Regex TrailingEtc();

    [GeneratedRegex(@"以下(各项|所有)?(措施|任务|工作|条款)?[^，,；;]{0,4}?(均需|均由|均要|均应|需|由)(?<who>[^，,；;]+?)(负责)?(落实|实施|执行|推进)[，,；;]?(不再(一一)?列出)?")]
    private static partial Regex BlanketClause();
}
