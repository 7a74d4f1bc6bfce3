namespace PolicyApi.Api.Features.Importing;

/// <summary>A known unit that a name might mean.</summary>
public sealed record UnitSuggestion(Guid UnitId, string Name, double Score);

/// <summary>
/// How a unit name of a draft resolves against the region's registry. <c>match</c> is <c>name</c> or
/// <c>alias</c> (found as written), <c>inferred</c> (a name written without its 市/区 prefix after a
/// prefixed one, such as 商务局 after 市发展改革委, found with the prefix), <c>variant</c> (the same name written with
/// traditional characters or a known abbreviation, such as 区自貿办 for 区自贸办 or 市发改委 for 市发展和改革委员会: one unit, with
/// a warning), <c>collective</c> (各县区政府, 区各部门…, a class of units, committed as a blanket assignment, never a unit) or
/// <c>none</c> (unknown: map it or create it).
/// </summary>
public sealed record UnitResolution(string Name, int Occurrences, string Match, Guid? UnitId, string? UnitName, IReadOnlyList<UnitSuggestion> Suggestions);

/// <summary>The names of one region's units, loaded once, for resolving the names a draft found.</summary>
internal sealed class UnitDirectory
{
    private readonly Dictionary<string, (Guid Id, string Name, UnitNameKind Kind)> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Guid Id, string Name)> _byVariant = new(StringComparer.Ordinal);
    private readonly List<(Guid Id, string Name, string Key)> _units = [];

    private UnitDirectory(string region) => Region = region;

    public string Region { get; }

    /// <summary>A directory of units already loaded (with their names).</summary>
    public static UnitDirectory Of(string region, IEnumerable<ResponsibleUnit> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        var directory = new UnitDirectory(region);
        foreach (var unit in units)
        {
            directory.Add(unit);
        }

        return directory;
    }

    public void Add(ResponsibleUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        _units.Add((unit.Id, unit.Name, TextKey.For(unit.Name)));
        foreach (var name in unit.Names)
        {
            _byKey.TryAdd(name.Key, (unit.Id, unit.Name, name.Kind));
        }

        _byKey.TryAdd(TextKey.For(unit.Name), (unit.Id, unit.Name, UnitNameKind.Name));
        foreach (var name in unit.Names.Select(n => n.Value).Prepend(unit.Name))
        {
            _byVariant.TryAdd(UnitNameVariants.Key(name), (unit.Id, unit.Name));
        }
    }

    public UnitResolution Resolve(string name, int occurrences)
    {
        if (DraftUnit.IsCollective(name))
        {
            return new UnitResolution(name, occurrences, "collective", null, null, []);
        }

        if (_byKey.TryGetValue(TextKey.For(name), out var found))
        {
            return new UnitResolution(name, occurrences, found.Kind == UnitNameKind.Name ? "name" : "alias", found.Id, found.Name, []);
        }

        foreach (var candidate in Prefixed(name))
        {
            if (_byKey.TryGetValue(TextKey.For(candidate), out var inferred))
            {
                return new UnitResolution(name, occurrences, "inferred", inferred.Id, inferred.Name, []);
            }
        }

        foreach (var candidate in Prefixed(name).Prepend(name))
        {
            if (_byVariant.TryGetValue(UnitNameVariants.Key(candidate), out var variant))
            {
                return new UnitResolution(name, occurrences, "variant", variant.Id, variant.Name, []);
            }
        }

        return new UnitResolution(name, occurrences, "none", null, null, Suggest(name));
    }

    /// <summary>商务局 → 市商务局, 区商务局, 连云港市商务局: the forms a prefix-less name may stand for.</summary>
    public IEnumerable<string> Prefixed(string name)
    {
        if (name.StartsWith('市') || name.StartsWith('区') || name.StartsWith('县') || name.StartsWith(Region, StringComparison.Ordinal))
        {
            yield break;
        }

        yield return "市" + name;
        yield return "区" + name;
        yield return Region + name;
    }

    private List<UnitSuggestion> Suggest(string name)
    {
        var key = TextKey.For(name);
        var grams = TextSimilarity.Bigrams(key);
        return _units
            .Select(u =>
            {
                var score = TextSimilarity.Dice(grams, TextSimilarity.Bigrams(u.Key));
                if (u.Key.Contains(key, StringComparison.Ordinal) || key.Contains(u.Key, StringComparison.Ordinal))
                {
                    score = Math.Max(score, 0.6);
                }

                return new UnitSuggestion(u.Id, u.Name, Math.Round(score, 2));
            })
            .Where(s => s.Score >= 0.3)
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .Take(3)
            .ToList();
    }
}
