namespace PolicyApi.Api.Features.Importing;

/// <summary>The registered unit each name of a draft means; the units a commit registers; notes on what it did.</summary>
public sealed record ResolvedUnits(
    IReadOnlyDictionary<string, ResponsibleUnit> ByName,
    IReadOnlyList<ResponsibleUnit> Created,
    IReadOnlyList<ResponsibleUnit> Region,
    IReadOnlyList<string> Notes);

/// <summary>
/// Resolves the unit names of a draft against the region's registry for a commit: the caller's mappings first, then
/// names, aliases and inferred prefixes; names still unresolved are registered when the caller asks, otherwise the
/// commit is refused (422) with suggestions for each.
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
            ETag = EntityTags.Of([(record.Id, record.Status == ImportStatus.Committed ? 2 : 1), .. regionUnits.OrderBy(u => u.Id).Select(u => (u.Id, (long)u.Version))]),
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

            var unit = ResponsibleUnit.Register(region, new UnitDetails(name, null, toCreate?.Kind ?? UnitKinds.Guess(name), []));
            await registry.EnsureNamesFreeAsync(unit, cancellationToken);
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
                    u => u.Suggestions.Count == 0 ? NoSuggestion : u.Suggestions.Select(s => $"Did you mean {s.Name} ({s.UnitId})?").ToArray()),
            };
        }

        IReadOnlyList<string> notes = created.Count > 0 ? [$"Registered {created.Count} new unit(s) in {region}: {string.Join("、", created.Select(c => c.Name))}."] : [];
        return new ResolvedUnits(resolved, created, [.. regionUnits, .. created], notes);
    }
}
