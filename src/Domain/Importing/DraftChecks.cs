using System.Globalization;

namespace PolicyApi.Domain.Importing;

/// <summary>
/// What makes a draft (as a caller corrected it) impossible to commit: chapters without label or title or with one
/// label twice, measures out of sequence or under a later parent or an unknown chapter, tasks and targets under
/// measures the draft does not have, targets without unit of measure or with a period that is not a year, a growth target
/// based on a target that is not an absolute one of the draft.
/// </summary>
public static class DraftChecks
{
    /// <summary>Each problem with the field it concerns, e.g. ("draft.measures[0].parentSequence", "A parent is an earlier measure of the draft.").</summary>
    public static IEnumerable<(string Field, string Message)> Problems(ImportDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);

        // A corrected draft comes from JSON, where any list may be null: the other checks read them, so they come first.
        var missing = MissingLists(draft).ToList();
        if (missing.Count > 0)
        {
            foreach (var field in missing)
            {
                yield return (field, "A list is required here; send [] for none.");
            }

            yield break;
        }

        if (draft.Year is { } year && !IsYear(year))
        {
            yield return ("draft.year", $"'year' is a year {YearRange}.");
        }

        for (var i = 0; i < draft.Chapters.Count; i++)
        {
            var chapter = draft.Chapters[i];
            if (string.IsNullOrWhiteSpace(chapter.Label) || chapter.Label.Length > TextLimits.Label || string.IsNullOrWhiteSpace(chapter.Title) || chapter.Title.Length > TextLimits.Title)
            {
                yield return ($"draft.chapters[{i}]", $"A chapter has a label (at most {TextLimits.Label} characters) and a title (at most {TextLimits.Title}).");
            }
            else if (draft.Chapters.Take(i).Any(c => c.Label == chapter.Label))
            {
                yield return ($"draft.chapters[{i}].label", $"Chapter {chapter.Label} appears twice; measures name their chapter by label, so labels must differ.");
            }
        }

        for (var i = 0; i < draft.Measures.Count; i++)
        {
            var m = draft.Measures[i];
            if (m.Sequence != i + 1)
            {
                yield return ($"draft.measures[{i}].sequence", $"Measures are numbered 1, 2, 3… in order; expected {i + 1}.");
            }

            if (m.ParentSequence is { } p && (p < 1 || p >= m.Sequence))
            {
                yield return ($"draft.measures[{i}].parentSequence", "A parent is an earlier measure of the draft.");
            }

            if (m.Chapter is not null && draft.Chapters.All(c => c.Label != m.Chapter))
            {
                yield return ($"draft.measures[{i}].chapter", $"No chapter {m.Chapter} in the draft.");
            }
        }

        for (var i = 0; i < draft.Tasks.Count; i++)
        {
            var t = draft.Tasks[i];
            if (t.MeasureSequence is { } s && (s < 1 || s > draft.Measures.Count))
            {
                yield return ($"draft.tasks[{i}].measureSequence", "No such measure in the draft.");
            }

            if (string.IsNullOrWhiteSpace(t.Text) || t.Text.Length > TextLimits.Body)
            {
                yield return ($"draft.tasks[{i}].text", $"A task's text is required and at most {TextLimits.Body} characters.");
            }

            if (t.Deadline is { } deadline && (deadline.Length > TextLimits.Deadline || deadline.Any(char.IsControl)))
            {
                yield return ($"draft.tasks[{i}].deadline", $"A deadline is one line of at most {TextLimits.Deadline} characters.");
            }
        }

        for (var i = 0; i < draft.Targets.Count; i++)
        {
            var t = draft.Targets[i];
            if (!Enum.IsDefined(t.Comparator))
            {
                yield return ($"draft.targets[{i}].comparator", "'comparator' must be >=, <= or =.");
            }

            if (!Enum.IsDefined(t.Accumulation))
            {
                yield return ($"draft.targets[{i}].accumulation", "'accumulation' must be cumulative, increments, count or level.");
            }

            if (string.IsNullOrWhiteSpace(t.Unit) || t.Unit.Length > TextLimits.UnitOfMeasure)
            {
                yield return ($"draft.targets[{i}].unit", $"'unit' is required and at most {TextLimits.UnitOfMeasure} characters.");
            }

            if (t.Period is not null && !(int.TryParse(t.Period, NumberStyles.None, CultureInfo.InvariantCulture, out var period) && IsYear(period)))
            {
                yield return ($"draft.targets[{i}].period", $"'period' is a year such as 2021, {YearRange}.");
            }

            if (t.MeasureSequence is { } s && (s < 1 || s > draft.Measures.Count))
            {
                yield return ($"draft.targets[{i}].measureSequence", "No such measure in the draft.");
            }

            if (t.BasedOn is { } b && (b < 0 || b >= draft.Targets.Count || b == i || draft.Targets[b].Growth || draft.Targets[b].Unit == "%"))
            {
                yield return ($"draft.targets[{i}].basedOn", "'basedOn' is the position (from 0) of another target of the draft: an absolute one (not a growth rate, not in %).");
            }
            else if (t.BasedOn is not null && !t.Growth)
            {
                yield return ($"draft.targets[{i}].basedOn", "Only a growth target (growth: true) is measured on another target.");
            }
        }
    }

    private static string YearRange => $"from {Bounds.EarliestDate.Year} to {Bounds.LatestDate.Year}";

    private static bool IsYear(int year) => year >= Bounds.EarliestDate.Year && year <= Bounds.LatestDate.Year;

    private static IEnumerable<string> MissingLists(ImportDraft draft)
    {
        // The JSON reader lets null through where the record says "never null"; these are the places it would.
        var lists = new (string Field, object? List)[]
        {
            ("draft.chapters", draft.Chapters), ("draft.measures", draft.Measures), ("draft.tasks", draft.Tasks),
            ("draft.targets", draft.Targets), ("draft.cadence", draft.Cadence), ("draft.warnings", draft.Warnings),
        };
        foreach (var (field, list) in lists.Where(l => l.List is null))
        {
            yield return field;
        }

        for (var i = 0; i < (draft.Chapters?.Count ?? 0); i++)
        {
            if (draft.Chapters![i].Span is null)
            {
                yield return $"draft.chapters[{i}].span";
            }
        }

        for (var i = 0; i < (draft.Measures?.Count ?? 0); i++)
        {
            var m = draft.Measures![i];
            if (m.ResponsibleUnits is null)
            {
                yield return $"draft.measures[{i}].responsibleUnits";
            }

            if (m.TaskNumbers is null)
            {
                yield return $"draft.measures[{i}].taskNumbers";
            }

            if (m.Span is null)
            {
                yield return $"draft.measures[{i}].span";
            }
        }

        for (var i = 0; i < (draft.Tasks?.Count ?? 0); i++)
        {
            if (draft.Tasks![i].ResponsibleUnits is null)
            {
                yield return $"draft.tasks[{i}].responsibleUnits";
            }

            if (draft.Tasks[i].Span is null)
            {
                yield return $"draft.tasks[{i}].span";
            }
        }

        for (var i = 0; i < (draft.Targets?.Count ?? 0); i++)
        {
            if (draft.Targets![i].Span is null)
            {
                yield return $"draft.targets[{i}].span";
            }
        }
    }
}
