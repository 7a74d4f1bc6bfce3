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
/// their period from the sentence, else the document's year, and bind each unit of a set when the text says 每/各; a growth
/// rate is linked to the absolute target of its indicator, its baseline left for a person.
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
            var blanket = Blanket($"{m.Label} {m.Title}", m.BlanketAssignment, m.ResponsibleUnits, notes);
            blankets += blanket is null ? 0 : 1;
            var measure = document.AddMeasure(new MeasureDetails(
                m.Label, m.Title, m.Body, m.Kind, m.Chapter is null ? null : chapters[m.Chapter], m.ParentSequence is { } p ? measureIds[p] : null, null, blanket, Deadline: m.Deadline));
            measureIds[m.Sequence] = measure.Id;
            assignments += Assign(document, measure.Id, m.ResponsibleUnits, units);
        }

        foreach (var t in draft.Tasks)
        {
            var parent = t.MeasureSequence is { } s ? draft.Measures[s - 1] : null;
            var number = t.Number.ToString(CultureInfo.InvariantCulture);
            var blanket = Blanket($"{number} {TaskTitle(t.Text)}", null, t.ResponsibleUnits, notes);
            blankets += blanket is null ? 0 : 1;
            var task = document.AddMeasure(new MeasureDetails(
                number, TaskTitle(t.Text), t.Text, MeasureKind.Task,
                parent?.Chapter is { } c ? chapters[c] : null,
                parent is null ? null : measureIds[parent.Sequence],
                Truncate(t.KeyWork ?? t.KeyWorkFromMainText, TextLimits.MeasureTitle),
                blanket,
                Deadline: t.Deadline));
            assignments += Assign(document, task.Id, t.ResponsibleUnits, units);
        }

        var targets = Targets(document, draft, measureIds, regionUnits, notes);
        return new TranslatedDraft(document, targets, assignments, blankets, notes);
    }

    /// <summary>
    /// The kinds of unit a collective name covers: 各县区、功能板块 → district governments and functional zones; 各县（市、区）人民政府,
    /// 各街道 → district governments; 区各部门, 市直有关单位 → departments; 区各招商主体 → zones and departments; 各有关单位 → every kind.
    /// </summary>
    public static IReadOnlyList<UnitKind> CollectiveKinds(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var kinds = new List<UnitKind>();
        if (text.Contains('县', StringComparison.Ordinal) || text.Contains("区政府", StringComparison.Ordinal) || text.Contains("区市县", StringComparison.Ordinal)
            || text.Contains("县区", StringComparison.Ordinal) || text.Contains("（市、区）", StringComparison.Ordinal) || IsLocalLevel(text))
        {
            kinds.Add(UnitKind.DistrictGovernment);
        }

        if (text.Contains("功能板块", StringComparison.Ordinal) || text.Contains("先导区", StringComparison.Ordinal) || text.Contains("园区", StringComparison.Ordinal)
            || text.Contains("开发区", StringComparison.Ordinal) || text.Contains("管委会", StringComparison.Ordinal) || text.Contains("招商主体", StringComparison.Ordinal))
        {
            kinds.Add(UnitKind.FunctionalZone);
        }

        // 各县（市、区）人民政府有关部门 are the districts' own departments, not the city's.
        if (text.Contains("主管部门", StringComparison.Ordinal) || text.Contains("市直", StringComparison.Ordinal) || text.Contains("招商主体", StringComparison.Ordinal)
            || (text.Contains("部门", StringComparison.Ordinal) && !text.Contains("政府", StringComparison.Ordinal)))
        {
            kinds.Add(UnitKind.Department);
        }

        // 各有关单位 is every unit concerned; 其他有关单位 ("the others") says too little to assign anyone.
        if (kinds.Count == 0 && text.Contains("单位", StringComparison.Ordinal) && !text.StartsWith("其他", StringComparison.Ordinal))
        {
            kinds.AddRange(Enum.GetValues<UnitKind>());
        }

        return kinds;
    }

    /// <summary>各街道, 各乡镇: the level below the districts, told apart from them by name.</summary>
    private static bool IsLocalLevel(string text) =>
        text.Contains("街道", StringComparison.Ordinal) || text.Contains("乡镇", StringComparison.Ordinal) || text.Contains('镇', StringComparison.Ordinal);

    /// <summary>Whether an each-unit scope (各县市区, 每个县区, 各街道) binds the unit: its kind is named, and 街道 scopes bind 街道, 县区 scopes the rest.</summary>
    public static bool ScopeBinds(string scopeText, ResponsibleUnit unit)
    {
        ArgumentNullException.ThrowIfNull(scopeText);
        ArgumentNullException.ThrowIfNull(unit);
        if (!CollectiveKinds(scopeText).Contains(unit.Kind))
        {
            return false;
        }

        return unit.Kind != UnitKind.DistrictGovernment || IsLocalLevel(scopeText) == IsLocalLevel(unit.Name);
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

    /// <summary>
    /// The blanket assignment of a measure or task row: its blanket clause, else the collective names it holds responsible or
    /// lead (区自贸办、区各部门 → every department). Collective names are never units; one that cooperates, or that names no
    /// kind of unit, is said in the notes.
    /// </summary>
    private static BlanketAssignment? Blanket(string measure, string? clause, IReadOnlyList<DraftUnit> units, List<string> notes)
    {
        var collectives = units.Where(u => DraftUnit.IsCollective(u.Name)).ToList();
        var texts = clause is not null ? [clause] : collectives.Where(u => u.Role != UnitRole.Cooperating).Select(u => u.Name).ToList();
        foreach (var skipped in collectives.Where(u => !texts.Contains(u.Name)))
        {
            notes.Add($"{measure}: '{skipped.Name}' ({Camel(skipped.Role)}) names a class of units, not one unit; it is not recorded as an assignment.");
        }

        if (texts.Count == 0)
        {
            return null;
        }

        var text = string.Join('、', texts);
        var kinds = texts.SelectMany(CollectiveKinds).Distinct().ToList();
        if (kinds.Count == 0)
        {
            notes.Add($"{measure}: '{text}' names no kind of unit the registry knows (districts, zones), so it is not recorded as a blanket assignment.");
            return null;
        }

        return new BlanketAssignment(Truncate(text, TextLimits.BlanketAssignmentText)!, [.. kinds]);
    }

    private static List<Target> Targets(PolicyDocument document, ImportDraft draft, Dictionary<int, Guid> measureIds, IReadOnlyCollection<ResponsibleUnit> regionUnits, List<string> notes)
    {
        // Absolute targets first, so that a growth rate can name the one it is measured on; the draft's order is kept.
        var created = new Dictionary<int, Target>();
        foreach (var i in Enumerable.Range(0, draft.Targets.Count).OrderBy(i => draft.Targets[i].BasedOn is null ? 0 : 1))
        {
            var t = draft.Targets[i];
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
                // 各县市区年内开展不少于4次: every unit of the set owes it, those registered and those this commit registers.
                scopeUnits = [.. regionUnits.Where(u => ScopeBinds(t.ScopeText ?? string.Empty, u)).Select(u => u.Id)];
                if (scopeUnits.Count > 0)
                {
                    scope = TargetScope.EachUnit;
                }
                else
                {
                    notes.Add($"Target '{t.Text}' binds {t.ScopeText ?? "each case"}; no registered units match, so it was created region-wide with that scope text.");
                }
            }

            Guid? basedOn = null;
            if (t.BasedOn is { } source && created.TryGetValue(source, out var absolute))
            {
                basedOn = absolute.Id;
                notes.Add($"Target '{t.Text}' is a growth rate linked to '{absolute.Text ?? absolute.Indicator}' (basedOnTargetId {absolute.Id}); " +
                    "the text gives no baseline (the previous year's value): set its baseline to track growth.");
            }
            else if (t.Growth)
            {
                notes.Add($"Target '{t.Text}' is a growth rate; the text gives no baseline value, so it was created as a level in % — set its baseline to track growth.");
            }

            created[i] = Target.Set(document.Id, new TargetDetails(
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
                basedOn,
                null,
                []));
        }

        return [.. created.OrderBy(c => c.Key).Select(c => c.Value)];
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
