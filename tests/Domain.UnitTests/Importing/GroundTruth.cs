using System.Globalization;
using System.Text;
using System.Text.Json;
using PolicyApi.Domain.Importing;

namespace PolicyApi.Domain.UnitTests.Importing;

/// <summary>Precision and recall of one field of a draft against a careful reading.</summary>
public sealed record FieldScore(string Field, int Expected, int Found, int Matched, IReadOnlyList<string> Missing, IReadOnlyList<string> Extra)
{
    public double Precision => Found == 0 ? 1 : Matched / (double)Found;

    public double Recall => Expected == 0 ? 1 : Matched / (double)Expected;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Field,-22} expected {Expected,3}  found {Found,3}  precision {Precision,7:P1}  recall {Recall,7:P1}  F1 {F1,6:0.000}");
}

/// <summary>Compares a draft with a seed's (or a corpus document's) expected.json field by field.</summary>
public static class GroundTruth
{
    public static string SeedsDirectory => Path.Combine(AppContext.BaseDirectory, "Seeds");

    /// <summary>data/corpus: documents written for the tests in the conventions of published ones, with their careful readings.</summary>
    public static string CorpusDirectory => Path.Combine(AppContext.BaseDirectory, "Corpus");

    public static (ImportDraft Draft, JsonElement Expected) Load(string seed) => Load(SeedsDirectory, seed);

    public static (ImportDraft Draft, JsonElement Expected) Load(string directory, string seed)
    {
        var text = File.ReadAllText(Path.Combine(directory, seed + ".txt"), Encoding.UTF8);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "expected", seed + ".expected.json"), Encoding.UTF8));
        var expected = json.RootElement.Clone();
        return (PolicyTextParser.Parse(text, expected.GetProperty("region").GetString()!), expected);
    }

    public static IReadOnlyList<FieldScore> Compare(ImportDraft draft, JsonElement expected)
    {
        var scores = new List<FieldScore>
        {
            Score("metadata", Metadata(expected), [
                "title=" + draft.Title, "docNumber=" + draft.DocNumber, "issuer=" + draft.Issuer,
                "issuedOn=" + draft.IssuedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "enclosedTitle=" + draft.EnclosedTitle]),
            Score("chapters", Items(expected, "chapters").Select(c => Str(c, "label") + Str(c, "title")), draft.Chapters.Select(c => c.Label + c.Title)),
        };

        var expectedMeasures = Items(expected, "measures").ToList();
        scores.Add(Score("measure labels", expectedMeasures.Select(MeasureKey), draft.Measures.Select(MeasureKey)));
        scores.Add(Score("measure titles", expectedMeasures.Select(m => MeasureKey(m) + " " + Str(m, "title")), draft.Measures.Select(m => MeasureKey(m) + " " + m.Title)));
        scores.Add(Score("measure kinds", expectedMeasures.Select(m => MeasureKey(m) + " " + Str(m, "kind")), draft.Measures.Select(m => MeasureKey(m) + " " + Spelling(m.Kind))));
        scores.Add(Score("units with roles",
            expectedMeasures.SelectMany(m => Items(m, "responsibleUnits").Select(u => MeasureKey(m) + " " + Str(u, "name") + "/" + Str(u, "role"))),
            draft.Measures.SelectMany(m => m.ResponsibleUnits.Select(u => MeasureKey(m) + " " + u.Name + "/" + Spelling(u.Role)))));
        scores.Add(Score("blanket assignments",
            expectedMeasures.Where(m => Str(m, "blanketAssignment") is not null).Select(m => MeasureKey(m) + " " + Str(m, "blanketAssignment")),
            draft.Measures.Where(m => m.BlanketAssignment is not null).Select(m => MeasureKey(m) + " " + m.BlanketAssignment)));

        scores.Add(Score("deadlines",
            expectedMeasures.Where(m => Str(m, "deadline") is not null).Select(m => MeasureKey(m) + " " + Str(m, "deadline"))
                .Concat(Items(expected, "tasks").Where(t => Str(t, "deadline") is not null).Select(t => "task " + Num(t, "number") + " " + Str(t, "deadline"))),
            draft.Measures.Where(m => m.Deadline is not null).Select(m => MeasureKey(m) + " " + m.Deadline)
                .Concat(draft.Tasks.Where(t => t.Deadline is not null).Select(t => "task " + t.Number + " " + t.Deadline))));

        var expectedTasks = Items(expected, "tasks").ToList();
        scores.Add(Score("task rows", expectedTasks.Select(t => Num(t, "number") + " " + Str(t, "text")), draft.Tasks.Select(t => t.Number + " " + t.Text)));
        scores.Add(Score("task key work", expectedTasks.Select(t => Num(t, "number") + " " + Str(t, "keyWork")), draft.Tasks.Select(t => t.Number + " " + t.KeyWork)));
        scores.Add(Score("task measures", expectedTasks.Select(t => Num(t, "number") + " " + Str(t, "measureLabel")), draft.Tasks.Select(t => t.Number + " " + t.MeasureLabel)));
        scores.Add(Score("task units",
            expectedTasks.SelectMany(t => Items(t, "responsibleUnits").Select(u => Num(t, "number") + " " + Str(u, "name") + "/" + Str(u, "role"))),
            draft.Tasks.SelectMany(t => t.ResponsibleUnits.Select(u => t.Number + " " + u.Name + "/" + Spelling(u.Role)))));

        var expectedTargets = Items(expected, "targets").ToList();
        scores.Add(Score("target values", expectedTargets.Select(t => TargetKey(Str(t, "comparator"), t.GetProperty("value").GetDecimal(), Str(t, "unit"))),
            draft.Targets.Select(t => TargetKey(Spelling(t.Comparator), t.Value, t.Unit))));
        scores.Add(Score("target periods", expectedTargets.Select(t => TargetKey(Str(t, "comparator"), t.GetProperty("value").GetDecimal(), Str(t, "unit")) + " " + Str(t, "period")),
            draft.Targets.Select(t => TargetKey(Spelling(t.Comparator), t.Value, t.Unit) + " " + t.Period)));
        scores.Add(Score("target scopes", expectedTargets.Select(t => TargetKey(Str(t, "comparator"), t.GetProperty("value").GetDecimal(), Str(t, "unit")) + " " + (Str(t, "scope")!.StartsWith("each", StringComparison.Ordinal) ? "each" : "whole")),
            draft.Targets.Select(t => TargetKey(Spelling(t.Comparator), t.Value, t.Unit) + " " + t.Scope)));
        scores.Add(Score("target measures", expectedTargets.Select(t => TargetKey(Str(t, "comparator"), t.GetProperty("value").GetDecimal(), Str(t, "unit")) + " " + Str(t, "chapter") + Str(t, "measureParent") + Str(t, "measureLabel")),
            draft.Targets.Select(t => TargetKey(Spelling(t.Comparator), t.Value, t.Unit) + " " + t.Chapter + (t.MeasureSequence is { } s ? draft.Measures[s - 1].Parent : null) + t.MeasureLabel)));
        scores.Add(ContainmentScore("target texts", expectedTargets.Select(t => Str(t, "text")!).ToList(), draft.Targets.Select(t => t.Text).ToList()));
        scores.Add(ContainmentScore("cadence phrases", Items(expected, "cadence").Select(c => Str(c, "text")!).ToList(), draft.Cadence.Select(c => c.Text).ToList()));
        scores.Add(Score("cadence measures", Items(expected, "cadence").Select(c => Str(c, "frequency") + " " + Str(c, "measureLabel")), draft.Cadence.Select(c => c.Frequency + " " + c.MeasureLabel)));
        scores.Add(Score("cadence frequencies", Items(expected, "cadence").Select(c => Str(c, "frequency")!), draft.Cadence.Select(c => c.Frequency)));
        return scores;
    }

    public static string Report(string seed, IEnumerable<FieldScore> scores)
    {
        var report = new StringBuilder().AppendLine(seed);
        foreach (var score in scores)
        {
            report.Append("  ").AppendLine(score.ToString());
            foreach (var missing in score.Missing.Take(12))
            {
                report.Append("      missing: ").AppendLine(missing);
            }

            foreach (var extra in score.Extra.Take(12))
            {
                report.Append("      extra:   ").AppendLine(extra);
            }
        }

        return report.ToString();
    }

    private static IEnumerable<string> Metadata(JsonElement expected) =>
    [
        "title=" + Str(expected, "title"), "docNumber=" + Str(expected, "docNumber"), "issuer=" + Str(expected, "issuer"), "issuedOn=" + Str(expected, "issuedOn"),
        "enclosedTitle=" + Str(expected, "enclosedTitle"),
    ];

    private static string MeasureKey(JsonElement m) => $"{Str(m, "chapter")}{Str(m, "parent")}{Str(m, "label")}";

    private static string MeasureKey(DraftMeasure m) => $"{m.Chapter}{m.Parent}{m.Label}";

    /// <summary>An enum as the drafts' JSON (and the careful readings) spell it: camelCase, or its declared name (">=").</summary>
    private static string Spelling<TEnum>(TEnum value)
        where TEnum : struct, Enum => System.Text.Json.JsonSerializer.Serialize(value, SpellingOptions).Trim('"');

    private static readonly System.Text.Json.JsonSerializerOptions SpellingOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase) },
    };

    private static string TargetKey(string? comparator, decimal value, string? unit) =>
        comparator + value.ToString("0.######", CultureInfo.InvariantCulture) + unit;

    private static FieldScore Score(string field, IEnumerable<string?> expected, IEnumerable<string?> found)
    {
        var remaining = found.Select(f => f ?? string.Empty).ToList();
        var expectedList = expected.Select(e => e ?? string.Empty).ToList();
        var foundCount = remaining.Count;
        var missing = new List<string>();
        var matched = 0;
        foreach (var e in expectedList)
        {
            var i = remaining.IndexOf(e);
            if (i >= 0)
            {
                remaining.RemoveAt(i);
                matched++;
            }
            else
            {
                missing.Add(e);
            }
        }

        return new FieldScore(field, expectedList.Count, foundCount, matched, missing, remaining);
    }

    /// <summary>A phrase matches when one contains the other (定期… with or without its subject).</summary>
    private static FieldScore ContainmentScore(string field, List<string> expected, List<string> found)
    {
        var remaining = found.ToList();
        var missing = new List<string>();
        var matched = 0;
        foreach (var e in expected)
        {
            var i = remaining.FindIndex(f => f.Contains(e, StringComparison.Ordinal) || e.Contains(f, StringComparison.Ordinal));
            if (i >= 0)
            {
                remaining.RemoveAt(i);
                matched++;
            }
            else
            {
                missing.Add(e);
            }
        }

        return new FieldScore(field, expected.Count, found.Count, matched, missing, remaining);
    }

    private static List<JsonElement> Items(JsonElement element, string property) =>
        element.TryGetProperty(property, out var array) && array.ValueKind == JsonValueKind.Array ? array.EnumerateArray().ToList() : [];

    private static string? Str(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : null;

    private static string Num(JsonElement element, string property) => element.GetProperty(property).GetInt32().ToString(CultureInfo.InvariantCulture);
}
