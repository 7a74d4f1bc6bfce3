using System.Globalization;
using PolicyApi.Domain.Documents;
using PolicyApi.Domain.Supervision;
using PolicyApi.Domain.Targets;
using PolicyApi.Domain.Units;

namespace PolicyApi.Domain.Importing;

/// <summary>What a draft becomes: the document with its chapters, measures, task rows and assignments, its targets, and notes on what was left out.</summary>
public sealed record TranslatedDraft(
    PolicyDocument Document,
    IReadOnlyList<Target> Targets,
    int Assignments,
    int BlanketAssignments,
    IReadOnlyList<string> Notes);

/// <summary>
/// Turns a checked draft into the record, given the registered unit each name of the draft means. Task rows become
/// measures of kind task under the measure they repeat; collective names (各县区政府、功能板块) become the measure's
/// blanket assignment by the kinds of unit they name; a unit named twice keeps its strongest role; targets take
/// their period from the sentence, else the document's year, and bind each unit of a set when the text says 每/各.
/// </summary>
public static class DraftTranslator
{
    public static TranslatedDraft Translate(ImportDraft draft, IReadOnlyDictionary<string, ResponsibleUnit> units, IReadOnlyCollection<ResponsibleUnit> regionUnits)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(regionUnits);
        var notes = new List<string>();
        var document = PolicyDocument.Create(DocumentDetailsOf(draft));
        var chapters = draft.Chapters.ToDictionary(c => c.Label, c => document.AddChapter(new ChapterDetails(c.Label, c.Title)).Id, StringComparer.Ordinal);

        var measureIds = new Dictionary<int, Guid>();
        var assignments = 0;
        var blankets = 0;
        foreach (var m in draft.Measures)
        {
            var blanket = Blanket(m, notes);
            blankets += blanket is null ? 0 : 1;
            foreach (var skipped in m.ResponsibleUnits.Where(u => DraftUnit.IsCollective(u.Name) && u.Name != blanket?.Text))
            {
                notes.Add($"{m.Label} {m.Title}: '{skipped.Name}' ({Camel(skipped.Role)}) names a class of units, not one unit; it is not recorded as an assignment.");
            }

            var measure = document.AddMeasure(new MeasureDetails(
                m.Label, m.Title, m.Body, m.Kind, m.Chapter is null ? null : chapters[m.Chapter], m.ParentSequence is { } p ? measureIds[p] : null, null, blanket, Deadline: m.Deadline));
            measureIds[m.Sequence] = measure.Id;
            assignments += Assign(document, measure.Id, m.ResponsibleUnits, units);
        }

        foreach (var t in draft.Tasks)
        {
            var parent = t.MeasureSequence is { } s ? draft.Measures[s - 1] : null;
            var task = document.AddMeasure(new MeasureDetails(
                t.Number.ToString(CultureInfo.InvariantCulture), TaskTitle(t.Text), t.Text, MeasureKind.Task,
                parent?.Chapter is { } c ? chapters[c] : null,
                parent is null ? null : measureIds[parent.Sequence],
                Truncate(t.KeyWork ?? t.KeyWorkFromMainText, TextLimits.MeasureTitle),
                null,
                Deadline: t.Deadline));
            assignments += Assign(document, task.Id, t.ResponsibleUnits, units);
        }

        var targets = Targets(document, draft, measureIds, regionUnits, notes);
        return new TranslatedDraft(document, targets, assignments, blankets, notes);
    }

    /// <summary>The kinds of unit a collective name covers: 各县区、功能板块 → district governments and functional zones; 各县（市、区）人民政府 → district governments.</summary>
    public static IReadOnlyList<UnitKind> CollectiveKinds(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var kinds = new List<UnitKind>();
        if (text.Contains('县', StringComparison.Ordinal) || text.Contains("区政府", StringComparison.Ordinal) || text.Contains("区市县", StringComparison.Ordinal)
            || text.Contains("县区", StringComparison.Ordinal) || text.Contains("（市、区）", StringComparison.Ordinal))
        {
            kinds.Add(UnitKind.DistrictGovernment);
        }

        if (text.Contains("功能板块", StringComparison.Ordinal) || text.Contains("先导区", StringComparison.Ordinal) || text.Contains("园区", StringComparison.Ordinal)
            || text.Contains("开发区", StringComparison.Ordinal) || text.Contains("管委会", StringComparison.Ordinal))
        {
            kinds.Add(UnitKind.FunctionalZone);
        }

        if (text.Contains("主管部门", StringComparison.Ordinal) || text.Contains("市直", StringComparison.Ordinal))
        {
            kinds.Add(UnitKind.Department);
        }

        return kinds;
    }

    private static int Assign(PolicyDocument document, Guid measureId, IReadOnlyList<DraftUnit> draftUnits, IReadOnlyDictionary<string, ResponsibleUnit> units)
    {
        // A unit named twice (市商务局 and 商务局) keeps its strongest role: lead, then responsible, then cooperating.
        var roles = new Dictionary<Guid, (ResponsibleUnit Unit, UnitRole Role)>();
        foreach (var u in draftUnits)
        {
            if (units.TryGetValue(u.Name, out var unit) && (!roles.TryGetValue(unit.Id, out var current) || Strength(u.Role) > Strength(current.Role)))
            {
                roles[unit.Id] = (unit, u.Role);
            }
        }

        foreach (var (unit, role) in roles.Values)
        {
            document.AssignUnit(measureId, unit, role);
        }

        return roles.Count;
    }

    private static BlanketAssignment? Blanket(DraftMeasure measure, List<string> notes)
    {
        var text = measure.BlanketAssignment
            ?? measure.ResponsibleUnits.FirstOrDefault(u => DraftUnit.IsCollective(u.Name) && u.Role != UnitRole.Cooperating)?.Name;
        if (text is null)
        {
            return null;
        }

        var kinds = CollectiveKinds(text);
        if (kinds.Count == 0)
        {
            notes.Add($"{measure.Label} {measure.Title}: '{text}' names no kind of unit the registry knows (districts, zones), so it is not recorded as a blanket assignment.");
            return null;
        }

        return new BlanketAssignment(Truncate(text, TextLimits.BlanketAssignmentText)!, [.. kinds]);
    }

    private static List<Target> Targets(PolicyDocument document, ImportDraft draft, Dictionary<int, Guid> measureIds, IReadOnlyCollection<ResponsibleUnit> regionUnits, List<string> notes)
    {
        var targets = new List<Target>();
        foreach (var t in draft.Targets)
        {
            var year = t.Period is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : draft.Year ?? document.PeriodFrom?.Year ?? document.IssuedOn?.Year;
            if (year is null)
            {
                notes.Add($"Target '{t.Text}' has no period and the document gives none; it was not created.");
                continue;
            }

            var scope = TargetScope.Region;
            var scopeUnits = new List<Guid>();
            if (t.Scope == "each")
            {
                var kinds = CollectiveKinds(t.ScopeText ?? string.Empty);
                scopeUnits = [.. regionUnits.Where(u => kinds.Contains(u.Kind)).Select(u => u.Id)];
                if (scopeUnits.Count > 0)
                {
                    scope = TargetScope.EachUnit;
                }
                else
                {
                    notes.Add($"Target '{t.Text}' binds {t.ScopeText ?? "each case"}; no registered units match, so it was created region-wide with that scope text.");
                }
            }

            if (t.Growth)
            {
                notes.Add($"Target '{t.Text}' is a growth rate; the text gives no baseline value, so it was created as a level in % — set its baseline to track growth.");
            }

            targets.Add(Target.Set(document.Id, new TargetDetails(
                t.MeasureSequence is { } s ? measureIds[s] : null,
                Truncate(t.Indicator, TextLimits.Indicator)!,
                Truncate(t.Text, TextLimits.TargetText),
                t.Unit,
                t.Comparator,
                t.Value,
                new DateOnly(year.Value, 1, 1),
                new DateOnly(year.Value, 12, 31),
                t.Comparator == Comparator.AtMost ? TargetDirection.LowerIsBetter : TargetDirection.HigherIsBetter,
                t.Accumulation,
                scope,
                Truncate(t.ScopeText, TextLimits.Indicator),
                scopeUnits,
                null,
                null,
                null,
                [])));
        }

        return targets;
    }

    private static DocumentDetails DocumentDetailsOf(ImportDraft draft)
    {
        var title = draft.Title ?? draft.EnclosedTitle
            ?? throw new DomainValidationException("draft.title", "The text has no recognisable title; give one in draft.title.");
        DateOnly? from = draft.Year is { } y ? new DateOnly(y, 1, 1) : null;
        DateOnly? to = draft.Year is { } y2 ? new DateOnly(y2, 12, 31) : null;
        var cadence = draft.ReportingCadence?.Frequency switch
        {
            "weekly" => CadenceFrequency.Weekly,
            "monthly" => CadenceFrequency.Monthly,
            "quarterly" => CadenceFrequency.Quarterly,
            "semiannual" => CadenceFrequency.HalfYearly,
            "annual" => CadenceFrequency.Yearly,
            _ => (CadenceFrequency?)null,
        };
        return new DocumentDetails(title, draft.DocNumber, draft.Issuer, draft.Region, draft.IssuedOn, draft.Kind, from, to, [], DocumentStatus.Active,
            cadence is { } f ? new ReportingCadence(f, Math.Clamp(draft.ReportingCadence!.GraceDays, 0, ReportingCadence.MaxGraceDays)) : null);
    }

    private static int Strength(UnitRole role) => role switch { UnitRole.Lead => 2, UnitRole.Responsible => 1, _ => 0 };

    private static string TaskTitle(string text)
    {
        var end = text.IndexOfAny(['。', '；']);
        return Truncate(end > 0 ? text[..end] : text, TextLimits.MeasureTitle)!;
    }

    private static string Camel(UnitRole role) => role switch { UnitRole.Lead => "lead", UnitRole.Cooperating => "cooperating", _ => "responsible" };

    private static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
