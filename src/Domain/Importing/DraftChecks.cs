using System.Globalization;
using PolicyApi.Domain.Common;

namespace PolicyApi.Domain.Importing;

/// <summary>
/// What makes a draft (as a caller corrected it) impossible to commit: chapters without label or title or with one
/// label twice, measures out of sequence or under a later parent or an unknown chapter, tasks and targets under
/// measures the draft does not have, targets without unit of measure or with a period that is not a year.
/// </summary>
public static class DraftChecks
{
    /// <summary>Each problem with the field it concerns, e.g. ("draft.measures[0].parentSequence", "A parent is an earlier measure of the draft.").</summary>
    public static IEnumerable<(string Field, string Message)> Problems(ImportDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
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

            if (t.Period is not null && !int.TryParse(t.Period, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                yield return ($"draft.targets[{i}].period", "'period' is a year such as 2021.");
            }

            if (t.MeasureSequence is { } s && (s < 1 || s > draft.Measures.Count))
            {
                yield return ($"draft.targets[{i}].measureSequence", "No such measure in the draft.");
            }
        }
    }
}
