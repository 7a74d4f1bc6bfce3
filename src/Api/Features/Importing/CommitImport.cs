using System.Globalization;
using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PolicyApi.Api.Application;
using PolicyApi.Api.Features.Documents;
using PolicyApi.Api.Http;
using PolicyApi.Domain.Common;
using PolicyApi.Domain.Documents;
using PolicyApi.Domain.Importing;
using PolicyApi.Domain.Supervision;
using PolicyApi.Domain.Targets;
using PolicyApi.Domain.Units;
using PolicyApi.Infrastructure.Importing;
using PolicyApi.Infrastructure.Persistence;

namespace PolicyApi.Api.Features.Importing;

/// <summary>Which registered unit a name of the draft means.</summary>
public sealed record UnitMapping(string? Name, Guid? UnitId);

/// <summary>A name of the draft to register as a new unit of the region, with its kind (guessed from the name when left out).</summary>
public sealed record UnitToCreate(string? Name, UnitKind? Kind);

/// <summary>
/// Turns an import's draft into the record: the document, its chapters and measures, task rows as
/// measures of kind task under their measure, unit assignments with roles, blanket assignments and
/// targets, in one transaction.
/// </summary>
public sealed record CommitImport : ICommand<CommitResponse>
{
    [JsonIgnore]
    public Guid ImportId { get; init; }

    /// <summary>The draft as corrected by the caller; the stored draft when left out.</summary>
    public ImportDraft? Draft { get; init; }

    /// <summary>Names mapped to existing units of the region (any name of the draft, resolved or not).</summary>
    public IReadOnlyList<UnitMapping>? UnitMappings { get; init; }

    /// <summary>Names to register as new units of the region.</summary>
    public IReadOnlyList<UnitToCreate>? CreateUnits { get; init; }

    /// <summary>Register every name that still resolves to no unit as a new unit (kind guessed from the name).</summary>
    public bool CreateMissingUnits { get; init; }
}

public sealed class CommitImportValidator : AbstractValidator<CommitImport>
{
    private static readonly string[] MeasureKinds = [DraftMeasureKinds.Measure, DraftMeasureKinds.Heading, DraftMeasureKinds.SubItem, DraftMeasureKinds.Framing];
    private static readonly string[] Roles = [DraftRoles.Lead, DraftRoles.Cooperating, DraftRoles.Responsible];

    public CommitImportValidator()
    {
        RuleForEach(x => x.UnitMappings).ChildRules(m =>
        {
            m.RuleFor(x => x.Name).NotEmpty().MaximumLength(TextLimits.UnitName);
            m.RuleFor(x => x.UnitId).NotEmpty();
        });
        RuleForEach(x => x.CreateUnits).ChildRules(c =>
        {
            c.RuleFor(x => x.Name).NotEmpty().MaximumLength(TextLimits.UnitName);
            c.RuleFor(x => x.Kind).IsInEnum();
        });
        When(x => x.Draft is not null, () =>
        {
            RuleFor(x => x.Draft!.Title).MaximumLength(TextLimits.Title);
            RuleFor(x => x.Draft!.DocNumber).MaximumLength(TextLimits.DocNumber);
            RuleFor(x => x.Draft!.Issuer).MaximumLength(TextLimits.Issuer);
            RuleFor(x => x.Draft!.Kind).Must(ImportDrafts.IsKind)
                .WithMessage("'draft.kind' must be one of measures, implementationOpinions, workPlan, constructionPlan, other.");
            RuleFor(x => x.Draft!.Measures).NotEmpty();
            RuleFor(x => x.Draft!.Chapters).NotNull();
            RuleForEach(x => x.Draft!.Measures).ChildRules(m =>
            {
                m.RuleFor(x => x.Label).NotEmpty().MaximumLength(TextLimits.Label);
                m.RuleFor(x => x.Title).NotEmpty().MaximumLength(TextLimits.MeasureTitle);
                m.RuleFor(x => x.Body).MaximumLength(TextLimits.Body);
                m.RuleFor(x => x.Kind).Must(k => MeasureKinds.Contains(k)).WithMessage("'kind' must be measure, heading, subItem or framing.");
                m.RuleFor(x => x.BlanketAssignment).MaximumLength(TextLimits.BlanketAssignmentText);
                m.RuleForEach(x => x.ResponsibleUnits).ChildRules(u =>
                {
                    u.RuleFor(x => x.Name).NotEmpty().MaximumLength(TextLimits.UnitName);
                    u.RuleFor(x => x.Role).Must(r => Roles.Contains(r)).WithMessage("'role' must be lead, cooperating or responsible.");
                });
            });
            RuleFor(x => x.Draft!).Custom((draft, ctx) =>
            {
                for (var i = 0; i < draft.Chapters.Count; i++)
                {
                    var chapter = draft.Chapters[i];
                    if (string.IsNullOrWhiteSpace(chapter.Label) || chapter.Label.Length > TextLimits.Label || string.IsNullOrWhiteSpace(chapter.Title) || chapter.Title.Length > TextLimits.Title)
                    {
                        ctx.AddFailure($"draft.chapters[{i}]", $"A chapter has a label (at most {TextLimits.Label} characters) and a title (at most {TextLimits.Title}).");
                    }
                    else if (draft.Chapters.Take(i).Any(c => c.Label == chapter.Label))
                    {
                        ctx.AddFailure($"draft.chapters[{i}].label", $"Chapter {chapter.Label} appears twice; measures name their chapter by label, so labels must differ.");
                    }
                }

                for (var i = 0; i < draft.Measures.Count; i++)
                {
                    var m = draft.Measures[i];
                    if (m.Sequence != i + 1)
                    {
                        ctx.AddFailure($"draft.measures[{i}].sequence", $"Measures are numbered 1, 2, 3… in order; expected {i + 1}.");
                    }

                    if (m.ParentSequence is { } p && (p < 1 || p >= m.Sequence))
                    {
                        ctx.AddFailure($"draft.measures[{i}].parentSequence", "A parent is an earlier measure of the draft.");
                    }

                    if (m.Chapter is not null && draft.Chapters.All(c => c.Label != m.Chapter))
                    {
                        ctx.AddFailure($"draft.measures[{i}].chapter", $"No chapter {m.Chapter} in the draft.");
                    }
                }

                for (var i = 0; i < draft.Tasks.Count; i++)
                {
                    var t = draft.Tasks[i];
                    if (t.MeasureSequence is { } s && (s < 1 || s > draft.Measures.Count))
                    {
                        ctx.AddFailure($"draft.tasks[{i}].measureSequence", "No such measure in the draft.");
                    }

                    if (string.IsNullOrWhiteSpace(t.Text) || t.Text.Length > TextLimits.Body)
                    {
                        ctx.AddFailure($"draft.tasks[{i}].text", $"A task's text is required and at most {TextLimits.Body} characters.");
                    }
                }

                for (var i = 0; i < draft.Targets.Count; i++)
                {
                    var t = draft.Targets[i];
                    if (t.Comparator is not (">=" or "<=" or "="))
                    {
                        ctx.AddFailure($"draft.targets[{i}].comparator", "'comparator' must be >=, <= or =.");
                    }

                    if (string.IsNullOrWhiteSpace(t.Unit) || t.Unit.Length > TextLimits.UnitOfMeasure)
                    {
                        ctx.AddFailure($"draft.targets[{i}].unit", $"'unit' is required and at most {TextLimits.UnitOfMeasure} characters.");
                    }

                    if (t.Period is not null && !int.TryParse(t.Period, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                    {
                        ctx.AddFailure($"draft.targets[{i}].period", "'period' is a year such as 2021.");
                    }

                    if (t.MeasureSequence is { } s && (s < 1 || s > draft.Measures.Count))
                    {
                        ctx.AddFailure($"draft.targets[{i}].measureSequence", "No such measure in the draft.");
                    }
                }
            });
        });
    }
}

/// <summary>What a commit made.</summary>
public sealed record CommitResponse(
    Guid ImportId,
    Guid DocumentId,
    string Title,
    int Chapters,
    int Measures,
    int Tasks,
    int Assignments,
    int BlanketAssignments,
    int Targets,
    IReadOnlyList<CreatedUnit> CreatedUnits,
    IReadOnlyList<string> Notes);

public sealed record CreatedUnit(Guid UnitId, string Name, UnitKind Kind);

public sealed class CommitImportHandler(PolicyDbContext db, RequestContext context)
    : MediatR.IRequestHandler<CommitImport, CommitResponse>
{
    public async Task<CommitResponse> Handle(CommitImport request, CancellationToken cancellationToken)
    {
        var record = await db.Imports.SingleOrDefaultAsync(i => i.Id == request.ImportId, cancellationToken)
            ?? throw new ResourceNotFoundException("Import", request.ImportId);
        if (record.Status == ImportStatus.Committed)
        {
            throw new ConflictException(ProblemTypes.ForRule("import-already-committed"),
                $"Import {record.Id} was already committed as document {record.DocumentId}.");
        }

        if (record.ExpiresAt <= context.Now)
        {
            throw new GoneException(ProblemTypes.ForRule("import-expired"),
                $"Import {record.Id} expired at {record.ExpiresAt:u}; submit the text again for a fresh draft.");
        }

        var draft = (request.Draft ?? ImportDrafts.Read(record)) with { Region = record.Region };
        var notes = new List<string>();
        var units = await ResolveUnitsAsync(record.Region, draft, request, notes, cancellationToken);

        var document = PolicyDocument.Create(DocumentDetailsOf(draft));
        await DocumentNumbers.EnsureFreeAsync(db, document, cancellationToken);
        var chapters = draft.Chapters.ToDictionary(c => c.Label, c => document.AddChapter(new ChapterDetails(c.Label, c.Title)).Id, StringComparer.Ordinal);

        var measureIds = new Dictionary<int, Guid>();
        var assignments = 0;
        var blankets = 0;
        foreach (var m in draft.Measures)
        {
            var chapterId = m.Chapter is null ? (Guid?)null : chapters[m.Chapter];
            var parentId = m.ParentSequence is { } p ? measureIds[p] : (Guid?)null;
            var blanket = Blanket(m, notes);
            blankets += blanket is null ? 0 : 1;
            foreach (var skipped in m.ResponsibleUnits.Where(u => DraftUnit.IsCollective(u.Name) && u.Name != blanket?.Text))
            {
                notes.Add($"{m.Label} {m.Title}: '{skipped.Name}' ({skipped.Role}) names a class of units, not one unit; it is not recorded as an assignment.");
            }

            var measure = document.AddMeasure(new MeasureDetails(m.Label, m.Title, m.Body, KindOf(m.Kind), chapterId, parentId, null, blanket));
            measureIds[m.Sequence] = measure.Id;
            assignments += Assign(document, measure.Id, m.ResponsibleUnits, units);
        }

        foreach (var t in draft.Tasks)
        {
            var parent = t.MeasureSequence is { } s ? draft.Measures[s - 1] : null;
            var chapterId = parent?.Chapter is { } c ? chapters[c] : (Guid?)null;
            var task = document.AddMeasure(new MeasureDetails(
                t.Number.ToString(CultureInfo.InvariantCulture), TaskTitle(t.Text), t.Text, MeasureKind.Task, chapterId,
                parent is null ? null : measureIds[parent.Sequence], Truncate(t.KeyWork ?? t.KeyWorkFromMainText, TextLimits.MeasureTitle), null));
            assignments += Assign(document, task.Id, t.ResponsibleUnits, units);
        }

        db.Documents.Add(document);
        var targets = BuildTargets(document, draft, measureIds, units, notes);
        db.Targets.AddRange(targets);

        record.Status = ImportStatus.Committed;
        record.CommittedAt = context.Now;
        record.CommittedBy = context.Actor.Subject;
        record.DocumentId = document.Id;
        record.Version++;
        await db.SaveChangesAsync(cancellationToken);

        return new CommitResponse(record.Id, document.Id, document.Title, document.Chapters.Count,
            draft.Measures.Count, draft.Tasks.Count, assignments, blankets, targets.Count,
            units.Created.Select(u => new CreatedUnit(u.Id, u.Name, u.Kind)).ToList(), notes);
    }

    private static readonly string[] NoSuggestion = ["No unit of the region is close to this name."];

    private sealed record ResolvedUnits(Dictionary<string, ResponsibleUnit> ByName, List<ResponsibleUnit> Created, List<ResponsibleUnit> Region);

    private async Task<ResolvedUnits> ResolveUnitsAsync(string region, ImportDraft draft, CommitImport request, List<string> notes, CancellationToken cancellationToken)
    {
        var regionUnits = await db.Units.Where(u => u.Region == region).Include(u => u.Names).ToListAsync(cancellationToken);
        var byId = regionUnits.ToDictionary(u => u.Id);
        var directory = UnitDirectory.Of(region, regionUnits);
        var resolved = new Dictionary<string, ResponsibleUnit>(StringComparer.Ordinal);
        var mappings = request.UnitMappings ?? [];
        for (var i = 0; i < mappings.Count; i++)
        {
            if (!byId.TryGetValue(mappings[i].UnitId!.Value, out var unit))
            {
                throw new DomainValidationException($"unitMappings[{i}].unitId", $"There is no unit {mappings[i].UnitId} in {region}.");
            }

            resolved[mappings[i].Name!] = unit;
        }

        var created = new List<ResponsibleUnit>();
        var unresolved = new List<UnitResolution>();
        // Names with their 市/区 prefix first, so that 商务局 finds the 市商务局 this commit creates.
        var names = ImportDrafts.UnitNames(draft).Where(n => !DraftUnit.IsCollective(n.Name) && !resolved.ContainsKey(n.Name))
            .OrderBy(n => directory.Prefixed(n.Name).Any() ? 1 : 0).ToList();
        foreach (var (name, occurrences) in names)
        {
            var resolution = directory.Resolve(name, occurrences);
            if (resolution.UnitId is { } id)
            {
                resolved[name] = byId.TryGetValue(id, out var known) ? known : created.Single(c => c.Id == id);
                continue;
            }

            var toCreate = request.CreateUnits?.FirstOrDefault(c => c.Name == name);
            if (toCreate is null && !request.CreateMissingUnits)
            {
                unresolved.Add(resolution);
                continue;
            }

            var unit = ResponsibleUnit.Register(region, new UnitDetails(name, null, toCreate?.Kind ?? GuessKind(name), []));
            await Units.UnitRegistry.EnsureNamesFreeAsync(db, unit, cancellationToken);
            db.Units.Add(unit);
            created.Add(unit);
            directory.Add(unit);
            resolved[name] = unit;
        }

        if (unresolved.Count > 0)
        {
            throw new UnprocessableException(ProblemTypes.ForRule("unresolved-units"), "Unresolved unit names",
                $"{unresolved.Count} unit name(s) match no unit of {region}: {string.Join("、", unresolved.Select(u => u.Name))}. " +
                "Map each to a unit in unitMappings, name it in createUnits, or commit with createMissingUnits: true.")
            {
                Errors = unresolved.ToDictionary(
                    u => "units." + u.Name,
                    u => u.Suggestions.Count == 0
                        ? NoSuggestion
                        : u.Suggestions.Select(s => $"Did you mean {s.Name} ({s.UnitId})?").ToArray()),
            };
        }

        if (created.Count > 0)
        {
            notes.Add($"Registered {created.Count} new unit(s) in {region}: {string.Join("、", created.Select(c => c.Name))}.");
        }

        return new ResolvedUnits(resolved, created, regionUnits.Concat(created).ToList());
    }

    private static int Assign(PolicyDocument document, Guid measureId, IReadOnlyList<DraftUnit> draftUnits, ResolvedUnits units)
    {
        // A unit named twice (市商务局 and 商务局) keeps its strongest role: lead, then responsible, then cooperating.
        var roles = new Dictionary<Guid, (ResponsibleUnit Unit, UnitRole Role)>();
        foreach (var u in draftUnits)
        {
            if (!units.ByName.TryGetValue(u.Name, out var unit))
            {
                continue;
            }

            var role = RoleOf(u.Role);
            if (!roles.TryGetValue(unit.Id, out var current) || Strength(role) > Strength(current.Role))
            {
                roles[unit.Id] = (unit, role);
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
            ?? measure.ResponsibleUnits.FirstOrDefault(u => DraftUnit.IsCollective(u.Name) && u.Role != DraftRoles.Cooperating)?.Name;
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

        return new BlanketAssignment(Truncate(text, TextLimits.BlanketAssignmentText)!, kinds);
    }

    /// <summary>各县区、功能板块 → district governments and functional zones; 各县（市、区）人民政府 → district governments.</summary>
    private static List<UnitKind> CollectiveKinds(string text)
    {
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

    private static List<Target> BuildTargets(PolicyDocument document, ImportDraft draft, Dictionary<int, Guid> measureIds, ResolvedUnits units, List<string> notes)
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

            var comparator = t.Comparator switch { "<=" => Comparator.AtMost, "=" => Comparator.Exactly, _ => Comparator.AtLeast };
            var accumulation = t.Unit switch
            {
                "%" or "工作日" or "天" or "小时" or "个百分点" => Accumulation.Level,
                "次" or "场" or "个" or "家" or "项" or "批" or "件" or "户" or "人次" or "人" => Accumulation.Count,
                _ => Accumulation.Cumulative,
            };
            var scope = TargetScope.Region;
            var scopeUnits = new List<Guid>();
            if (t.Scope == "each")
            {
                var kinds = CollectiveKinds(t.ScopeText ?? string.Empty);
                scopeUnits = units.Region.Where(u => kinds.Contains(u.Kind)).Select(u => u.Id).ToList();
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
                comparator,
                t.Value,
                new DateOnly(year.Value, 1, 1),
                new DateOnly(year.Value, 12, 31),
                comparator == Comparator.AtMost ? TargetDirection.LowerIsBetter : TargetDirection.HigherIsBetter,
                accumulation,
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
        var kind = draft.Kind switch
        {
            "measures" => DocumentKind.Measures,
            "implementationOpinions" => DocumentKind.ImplementationOpinions,
            "workPlan" => DocumentKind.WorkPlan,
            "constructionPlan" => DocumentKind.ConstructionPlan,
            _ => DocumentKind.Other,
        };
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
        return new DocumentDetails(title, draft.DocNumber, draft.Issuer, draft.Region, draft.IssuedOn, kind, from, to, [], DocumentStatus.Active,
            cadence is { } f ? new ReportingCadence(f, Math.Clamp(draft.ReportingCadence!.GraceDays, 0, 90)) : null);
    }

    private static MeasureKind KindOf(string kind) => kind switch
    {
        DraftMeasureKinds.Heading => MeasureKind.Heading,
        DraftMeasureKinds.SubItem => MeasureKind.SubItem,
        DraftMeasureKinds.Framing => MeasureKind.Framing,
        _ => MeasureKind.Measure,
    };

    private static UnitRole RoleOf(string role) => role switch
    {
        DraftRoles.Lead => UnitRole.Lead,
        DraftRoles.Cooperating => UnitRole.Cooperating,
        _ => UnitRole.Responsible,
    };

    private static int Strength(UnitRole role) => role switch { UnitRole.Lead => 2, UnitRole.Responsible => 1, _ => 0 };

    /// <summary>A unit's kind as its name says: 人民政府 → district, 海关/税务/人民银行 → vertical agency, 法院 → court…</summary>
    internal static UnitKind GuessKind(string name)
    {
        if (name.Contains("法院", StringComparison.Ordinal))
        {
            return UnitKind.Court;
        }

        if (name.Contains("海关", StringComparison.Ordinal) || name.Contains("税务", StringComparison.Ordinal) || name.Contains("人民银行", StringComparison.Ordinal)
            || name.StartsWith("人行", StringComparison.Ordinal) || name.Contains("银保监", StringComparison.Ordinal) || name.Contains("证监", StringComparison.Ordinal)
            || name.Contains("外汇管理", StringComparison.Ordinal) || name.Contains("海事", StringComparison.Ordinal))
        {
            return UnitKind.VerticalAgency;
        }

        if (name.Contains("贸促会", StringComparison.Ordinal) || name.Contains("工商联", StringComparison.Ordinal) || name.Contains("协会", StringComparison.Ordinal)
            || name.Contains("商会", StringComparison.Ordinal) || name.Contains("侨联", StringComparison.Ordinal))
        {
            return UnitKind.Association;
        }

        if (name.EndsWith("新区", StringComparison.Ordinal) || name.EndsWith("经济区", StringComparison.Ordinal) || name.EndsWith("开发区", StringComparison.Ordinal)
            || name.EndsWith("管委会", StringComparison.Ordinal) || name.EndsWith("片区", StringComparison.Ordinal) || name.EndsWith("合作创新区", StringComparison.Ordinal)
            || name.EndsWith("商务区", StringComparison.Ordinal) || name.Contains("功能板块", StringComparison.Ordinal))
        {
            return UnitKind.FunctionalZone;
        }

        if (name.EndsWith("人民政府", StringComparison.Ordinal) || name.EndsWith("区政府", StringComparison.Ordinal) || name.EndsWith("县政府", StringComparison.Ordinal)
            || (name.EndsWith('区') && !name.StartsWith('区') && name.Length <= 5) || name.EndsWith('县'))
        {
            return UnitKind.DistrictGovernment;
        }

        return name.EndsWith('局') || name.EndsWith('委') || name.EndsWith('办') || name.EndsWith('厅') || name.EndsWith('部')
            || name.EndsWith("中心", StringComparison.Ordinal) || name.EndsWith("分局", StringComparison.Ordinal) || name.EndsWith('室')
            ? UnitKind.Department
            : UnitKind.Other;
    }

    private static string TaskTitle(string text)
    {
        var end = text.IndexOfAny(['。', '；']);
        var title = end > 0 ? text[..end] : text;
        return Truncate(title, TextLimits.MeasureTitle)!;
    }

    private static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
