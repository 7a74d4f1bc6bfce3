using System.Globalization;
using System.Text.RegularExpressions;
using PolicyApi.Domain.Units;

namespace PolicyApi.Domain.Importing;

/// <summary>
/// What is said of a draft once all of it is read: unit lists that could not be read (kept as unparsedUnits, with a
/// warning naming the line, so nothing is dropped silently), growth targets linked to the absolute target of their
/// indicator, and unit names that differ only by traditional/simplified characters or a known abbreviation.
/// </summary>
public static partial class DraftReview
{
    /// <summary>The draft with unreadable task units set aside, growth targets linked, and the warnings these call for.</summary>
    public static ImportDraft Complete(string source, ImportDraft draft)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(draft);
        var warnings = new List<string>(draft.Warnings);
        foreach (var m in draft.Measures.Where(m => m.UnparsedUnits is not null))
        {
            warnings.Add($"Line {LineOf(source, m.Span, m.UnparsedUnits!)}: the unit list of {m.Label} {m.Title} cannot be read ({Why(m.UnparsedUnits!)}): " +
                $"'{m.UnparsedUnits}'. It is kept as unparsedUnits and nothing of it is assigned; put its units in responsibleUnits and clear unparsedUnits before committing.");
        }

        var tasks = draft.Tasks.Select(SetAsideUnreadable).ToList();
        foreach (var t in tasks.Where(t => t.UnparsedUnits is not null))
        {
            warnings.Add($"Line {LineOf(source, t.Span, t.UnparsedUnits!)}: the units of task {t.Number} cannot be read ({Why(t.UnparsedUnits!)}): '{t.UnparsedUnits}'. " +
                "They are kept as unparsedUnits and not assigned; put them in responsibleUnits and clear unparsedUnits before committing.");
        }

        var targets = LinkGrowth(draft.Targets, warnings);
        warnings.AddRange(VariantWarnings(draft.Measures.SelectMany(m => m.ResponsibleUnits).Concat(tasks.SelectMany(t => t.ResponsibleUnits))));
        return draft with { Tasks = tasks, Targets = targets, Warnings = warnings };
    }

    /// <summary>What stops a draft from being committed until a person resolves it: each unit list kept unread, by field.</summary>
    public static IEnumerable<(string Field, string Message)> Unresolved(ImportDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        for (var i = 0; i < (draft.Measures?.Count ?? 0); i++)
        {
            var m = draft.Measures![i];
            if (!string.IsNullOrWhiteSpace(m.UnparsedUnits))
            {
                yield return ($"draft.measures[{i}].unparsedUnits",
                    $"Line {m.Span?.Line}: {m.Label} {m.Title} has a unit list the importer could not read: '{m.UnparsedUnits}'. Put its units in responsibleUnits and set unparsedUnits to null.");
            }
        }

        for (var i = 0; i < (draft.Tasks?.Count ?? 0); i++)
        {
            var t = draft.Tasks![i];
            if (!string.IsNullOrWhiteSpace(t.UnparsedUnits))
            {
                yield return ($"draft.tasks[{i}].unparsedUnits",
                    $"Line {t.Span?.Line}: task {t.Number} has units the importer could not read: '{t.UnparsedUnits}'. Put them in responsibleUnits and set unparsedUnits to null.");
            }
        }
    }

    private static string Why(string list) => UnitListParser.BracketsBalance(list) ? "no unit is named in it" : "its brackets do not balance";

    private static int LineOf(string source, SourceSpan span, string text)
    {
        var at = span.Start >= 0 && span.Start <= source.Length ? source.IndexOf(text, span.Start, StringComparison.Ordinal) : -1;
        return at < 0 ? span.Line : span.Line + source.AsSpan(span.Start, at - span.Start).Count('\n');
    }

    /// <summary>A task row's unit named with a bracket never closed (区财政局（金融办) is set aside rather than registered as written.</summary>
    private static DraftTask SetAsideUnreadable(DraftTask task)
    {
        var unreadable = task.ResponsibleUnits.Where(u => !UnitListParser.BracketsBalance(u.Name)).ToList();
        return unreadable.Count == 0 ? task : task with
        {
            ResponsibleUnits = [.. task.ResponsibleUnits.Except(unreadable)],
            UnparsedUnits = string.Join('、', unreadable.Select(u => u.Name)),
        };
    }

    /// <summary>
    /// 同比增长20%以上 after 实际利用外资7000万美元: a growth rate is measured on the absolute target of its indicator, the nearest
    /// one of the same period (the one before it first). Its baseline, last year's value, is never in the text.
    /// </summary>
    private static List<DraftTarget> LinkGrowth(IReadOnlyList<DraftTarget> targets, List<string> warnings)
    {
        var linked = targets.ToList();
        for (var i = 0; i < targets.Count; i++)
        {
            var growth = targets[i];
            if (!growth.Growth || growth.BasedOn is not null)
            {
                continue;
            }

            var measured = GrowthWords().Replace(growth.Indicator, string.Empty);
            var source = Enumerable.Range(0, targets.Count)
                .Where(j => j != i && !targets[j].Growth && targets[j].Unit != "%" && targets[j].Period == growth.Period && SameIndicator(targets[j].Indicator, measured))
                .OrderBy(j => j < i ? 0 : 1)
                .ThenBy(j => Math.Abs(i - j))
                .Cast<int?>()
                .FirstOrDefault();
            if (source is not { } j2)
            {
                warnings.Add($"Target '{growth.Text}' (targets[{i}]) is a growth rate, but the draft has no absolute target of '{measured}' to measure it on: " +
                    "it is committed as a level in % until a person links it (basedOn) and gives its baseline.");
                continue;
            }

            var absolute = targets[j2];
            linked[i] = growth with { BasedOn = j2 };
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"Target '{growth.Text}' (targets[{i}]) is the growth of {absolute.Indicator} and is linked to targets[{j2}] ({absolute.Value:0.######}{absolute.Unit}); ") +
                "the text gives no baseline (the previous year's value): it is left for a person to fill in on the committed target.");
        }

        return linked;
    }

    private static bool SameIndicator(string absolute, string measured) =>
        measured.Length > 0 && absolute.Length > 0
        && (UnitNameVariants.Key(absolute) == UnitNameVariants.Key(measured) || measured.StartsWith(absolute, StringComparison.Ordinal) || absolute.StartsWith(measured, StringComparison.Ordinal));

    private static IEnumerable<string> VariantWarnings(IEnumerable<DraftUnit> units)
    {
        var names = units.Select(u => u.Name).Where(n => !DraftUnit.IsCollective(n)).Distinct(StringComparer.Ordinal);
        foreach (var group in names.GroupBy(UnitNameVariants.Key).Where(g => g.Count() > 1))
        {
            var written = group.ToList();
            var kept = written.FirstOrDefault(n => !UnitNameVariants.HasTraditional(n)) ?? written[0];
            yield return $"{string.Join(" and ", written)} differ only by traditional/simplified characters or an abbreviation: they are read as one unit, {kept}.";
        }
    }

    [GeneratedRegex(@"(同比|比上年|较上年|年均)?(增长|增幅|增速|提高|提升|增加|上升)(率|幅度)?$")]
    private static partial Regex GrowthWords();
}
