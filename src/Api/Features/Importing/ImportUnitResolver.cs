namespace PolicyApi.Api.Features.Importing;

/// <summary>The registered unit each name of a draft means; the units a commit registers; notes on what it did.</summary>
public sealed record ResolvedUnits(
    IReadOnlyDictionary<string, ResponsibleUnit> ByName,
    IReadOnlyList<ResponsibleUnit> Created,
    IReadOnlyList<ResponsibleUnit> Region,
    IReadOnlyList<string> Notes);

/// <summary>
/// Resolves the unit names of a draft against the region's registry for a commit: the caller's mappings first, then
/// names, aliases, inferred prefixes and variants (traditional characters, known abbreviations); names still unresolved
/// are registered when the caller asks, otherwise the commit is refused (422) with suggestions for each. A region with
/// no units yet is registered by the commit that creates its first ones.
/// </summary>
public sealed class ImportUnitResolver(PolicyDbContext db, Units.UnitRegistry registry)
{
    private static readonly string[] NoSuggestion = ["No unit of the region is close to this name."];

    /// <summary>The import as served: its draft, with each unit name resolved against the region's registry as it stands now.</summary>
    public async Task<ImportResponse> DescribeAsync(DocumentImport record, ImportDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var regionUnits = await db.Units.AsNoTracking().Where(u => u.Region == record.Region).Include(u => u.Names).ToListAsync(cancellationToken);
        var directory = UnitDirectory.Of(record.Region, regionUnits);
        var units = ImportDrafts.UnitNames(draft).Select(n => directory.Resolve(n.Name, n.Occurrences)).ToList();
        // The resolutions depend on every unit of the region: its units' versions (and which there are) are part of the tag.
        return new ImportResponse(record.Id, record.Status, record.Region, record.CreatedAt, record.ExpiresAt,
            record.CommittedAt, record.DocumentId, draft, units)
        {
            // The record's version counts its corrections and its commit.
            ETag = EntityTags.Of([(record.Id, record.Version + 1L), .. regionUnits.OrderBy(u => u.Id).Select(u => (u.Id, (long)u.Version))]),
        };
    }

    public async Task<ResolvedUnits> ResolveAsync(string region, ImportDraft draft, CommitImport request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(request);
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
        var notes = new List<string>();
        // Names with their 市/区 prefix first, so that 商务局 finds the 市商务局 this commit creates; simplified before traditional,
        // so that 区自貿办 finds the 区自贸办 this commit creates and the unit is registered as the simplified name.
        var names = ImportDrafts.UnitNames(draft).Where(n => !DraftUnit.IsCollective(n.Name) && !resolved.ContainsKey(n.Name))
            .OrderBy(n => directory.Prefixed(n.Name).Any() ? 1 : 0).ThenBy(n => UnitNameVariants.HasTraditional(n.Name) ? 1 : 0).ToList();
        foreach (var (name, occurrences) in names)
        {
            var resolution = directory.Resolve(name, occurrences);
            if (resolution.UnitId is { } id)
            {
                resolved[name] = byId.TryGetValue(id, out var known) ? known : created.Single(c => c.Id == id);
                if (resolution.Match == "variant")
                {
                    notes.Add($"{name} is read as {resolution.UnitName}: the names differ only by traditional/simplified characters or an abbreviation.");
                }

                continue;
            }

            var toCreate = request.CreateUnits?.FirstOrDefault(c => c.Name == name);
            if (toCreate is null && !request.CreateMissingUnits)
            {
                unresolved.Add(resolution);
                continue;
            }

            resolved[name] = await RegisterAsync(region, name, toCreate?.Kind, directory, created, cancellationToken);
        }

        // Units the text does not name one by one (港口区 of 各县市区), registered so that the scopes of the commit bind them.
        foreach (var extra in (request.CreateUnits ?? []).Where(c => !resolved.ContainsKey(c.Name!) && !DraftUnit.IsCollective(c.Name!)))
        {
            if (directory.Resolve(extra.Name!, 0).UnitId is null)
            {
                await RegisterAsync(region, extra.Name!, extra.Kind, directory, created, cancellationToken);
            }
        }

        if (unresolved.Count > 0)
        {
            throw new UnprocessableException(ProblemTypes.ForRule("unresolved-units"), "Unresolved unit names",
                $"{unresolved.Count} unit name(s) match no unit of {region}: {string.Join("、", unresolved.Select(u => u.Name))}. " +
                "Map each to a unit in unitMappings, name it in createUnits, or commit with createMissingUnits: true.")
            {
                Errors = unresolved.ToDictionary(
                    u => "units." + u.Name,
                    u => u.Suggestions.Count == 0 ? NoSuggestion : u.Suggestions.Select(s => Suggestion(s, created)).ToArray()),
            };
        }

        if (created.Count > 0)
        {
            notes.Insert(0, regionUnits.Count == 0
                ? $"Registered the region {region} with {created.Count} unit(s): {string.Join("、", created.Select(c => $"{c.Name} ({c.Kind})"))}."
                : $"Registered {created.Count} new unit(s) in {region}: {string.Join("、", created.Select(c => c.Name))}.");
        }

        return new ResolvedUnits(resolved, created, [.. regionUnits, .. created], notes);
    }

    /// <summary>A registered unit by name and id; one this refused commit would have registered has no id yet, only its name.</summary>
    private static string Suggestion(UnitSuggestion suggestion, List<ResponsibleUnit> created) =>
        created.Any(c => c.Id == suggestion.UnitId)
            ? $"Did you mean {suggestion.Name}, which this commit registers from createUnits? Correct the name in the draft, or name it in createUnits too."
            : $"Did you mean {suggestion.Name} ({suggestion.UnitId})?";

    private async Task<ResponsibleUnit> RegisterAsync(string region, string name, UnitKind? kind, UnitDirectory directory, List<ResponsibleUnit> created, CancellationToken cancellationToken)
    {
        var unit = ResponsibleUnit.Register(region, new UnitDetails(name, null, kind ?? UnitKinds.Guess(name), []));
        await registry.EnsureNamesFreeAsync(unit, cancellationToken);
        db.Units.Add(unit);
        created.Add(unit);
        directory.Add(unit);
        return unit;
    }
}
