using System.Text.RegularExpressions;

namespace PolicyApi.Domain.Importing;

/// <summary>A supervision rhythm phrase found in a text, before it is placed in the document.</summary>
internal sealed record FoundCadence(int Start, int Length, string Text, string Frequency, string Purpose, string? Detail);

/// <summary>
/// Finds the supervision rhythm: compact slogans (周跟踪、月通报、季督查、半年点评、年底考核、季约谈),
/// "一年一总结、三年一评估", spelled-out rhythms (每季度召开一次会议, 每月通报…), 定期… and 纳入年度…考核. A
/// spelled-out sentence that explains a slogan of the same rhythm and verb becomes that slogan's detail.
/// </summary>
internal static partial class CadenceExtractor
{
    public static List<FoundCadence> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<FoundCadence>();
        foreach (Match m in Slogan().Matches(text))
        {
            var prefix = m.Groups["p"].Value;
            found.Add(new FoundCadence(m.Index, m.Length, m.Value, Frequency(prefix), Purpose(m.Groups["v"].Value), null));
        }

        foreach (Match m in EveryN().Matches(text))
        {
            var n = m.Groups["n"].Value;
            var count = Labels.ParseChinese(n) ?? (int.TryParse(n, out var parsed) ? parsed : 1);
            var frequency = m.Groups["u"].Value switch
            {
                "年" => count switch { 1 => "annual", 2 => "biennial", 3 => "triennial", _ => $"every {count} years" },
                "季度" or "季" => "quarterly",
                "月" or "个月" => count == 6 ? "semiannual" : count == 3 ? "quarterly" : "monthly",
                _ => "weekly",
            };
            found.Add(new FoundCadence(m.Index, m.Length, m.Value, frequency, Purpose(m.Groups["v"].Value), null));
        }

        foreach (var (clause, start) in Clauses(text))
        {
            var every = Every().Match(clause);
            if (every.Success)
            {
                var frequency = Frequency(every.Groups["p"].Value);
                var slogan = found.FirstOrDefault(f => f.Frequency == frequency && f.Detail is null
                    && f.Text.Length <= 5 && clause.Contains(f.Text[^2..], StringComparison.Ordinal));
                if (slogan is not null)
                {
                    found[found.IndexOf(slogan)] = slogan with { Detail = clause.Trim() };
                }
                else if (SupervisionVerb().IsMatch(clause[every.Index..]))
                {
                    var phrase = clause[every.Index..].Trim();
                    found.Add(new FoundCadence(start + every.Index, phrase.Length, phrase, frequency, PurposeOf(phrase), null));
                }

                continue;
            }

            var periodic = Periodic().Match(clause);
            if (periodic.Success)
            {
                var phrase = clause[periodic.Index..].Trim();
                found.Add(new FoundCadence(start + periodic.Index, phrase.Length, phrase, "periodic", PurposeOf(phrase), null));
                continue;
            }

            var yearEnd = YearEndSentence().Match(clause);
            if (yearEnd.Success)
            {
                var slogan = found.FirstOrDefault(f => f.Detail is null && f.Text.StartsWith(yearEnd.Groups["p"].Value, StringComparison.Ordinal));
                if (slogan is not null)
                {
                    var sentenceEnd = text.IndexOf('。', start);
                    var sentence = sentenceEnd > start ? text[start..sentenceEnd] : clause;
                    found[found.IndexOf(slogan)] = slogan with { Detail = sentence.Trim() };
                }
            }

            var annual = AnnualReview().Match(clause);
            if (annual.Success)
            {
                found.Add(new FoundCadence(start + annual.Index, annual.Length, annual.Value, "annual", Purpose(annual.Groups["v"].Value), null));
            }
        }

        return found.OrderBy(f => f.Start).ToList();
    }

    private static string Frequency(string prefix) => prefix switch
    {
        "周" or "每周" => "weekly",
        "月" or "每月" => "monthly",
        "季" or "季度" or "每季" or "每季度" => "quarterly",
        "半年" or "每半年" => "semiannual",
        _ => "annual",
    };

    private static string PurposeOf(string phrase)
    {
        var m = Verb().Match(phrase);
        return m.Success ? Purpose(m.Value) : "meeting";
    }

    private static string Purpose(string verb) => verb switch
    {
        "跟踪" => "tracking",
        "通报" => "notification",
        "督查" or "督办" or "检查" or "督导" => "inspection",
        "点评" => "review",
        "考核" or "考评" => "assessment",
        "约谈" => "interview",
        "总结" => "summary",
        "评估" => "evaluation",
        "调度" => "scheduling",
        "报告" or "报送" => "reporting",
        _ when verb.Contains('会', StringComparison.Ordinal) => "meeting",
        _ => "meeting",
    };

    private static IEnumerable<(string Text, int Start)> Clauses(string text)
    {
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] is '，' or '。' or '；' or ';')
            {
                if (i > start)
                {
                    yield return (text[start..i], start);
                }

                start = i + 1;
            }
        }
    }

    [GeneratedRegex(@"(?<![\p{IsCJKUnifiedIdeographs}])(?<p>半年|年底|年终|周|月|季|年)(?<v>跟踪|通报|督查|督办|点评|考核|考评|约谈|调度|总结|评估|检查|报告)(?=[、”，。；）\s]|制度|机制|$)")]
    private static partial Regex Slogan();

    [GeneratedRegex(@"(?<n>[一二三两四五六\d])(?<u>年|季度|季|个月|月|周)一(?<v>总结|评估|考核|通报|督查|检查|调度|报告|点评)")]
    private static partial Regex EveryN();

    [GeneratedRegex(@"每(?<p>周|月|季度|季|半年|年)(?!度)")]
    private static partial Regex Every();

    // 每季度召开一次会议 is a supervision rhythm; 每年举办3场招商活动 is the work itself.
    [GeneratedRegex(@"通报|督查|督导|督办|调度|考核|考评|会议|召开|报送|报告|总结|评估|点评|约谈|检查|跟踪")]
    private static partial Regex SupervisionVerb();

    [GeneratedRegex(@"(?<!不)定期")]
    private static partial Regex Periodic();

    [GeneratedRegex(@"^(?<p>年底|年终)")]
    private static partial Regex YearEndSentence();

    [GeneratedRegex(@"纳入(年度|年终)[\p{IsCJKUnifiedIdeographs}]{0,6}?(?<v>考核|考评)")]
    private static partial Regex AnnualReview();

    [GeneratedRegex(@"跟踪|通报|督查|督办|点评|考核|考评|约谈|调度|总结|评估|检查|报告|报送|会议|推进会|点评会")]
    private static partial Regex Verb();
}
