namespace PolicyApi.Api.Features.Measures;

/// <summary>"Every unit of these kinds in the region implements this measure" (以下各项措施均需各县区、功能板块落实).</summary>
/// <param name="Text">The document's words, e.g. 各县区、功能板块.</param>
/// <param name="UnitKinds">The kinds of unit covered, e.g. districtGovernment, functionalZone.</param>
public sealed record BlanketAssignmentDto(string Text, IReadOnlyList<UnitKind> UnitKinds);

/// <summary>A unit responsible for a measure, with its role.</summary>
public sealed record ResponsibleUnitRef(Guid AssignmentId, Guid UnitId, string Name, UnitRole Role);

/// <summary>When measures are listed for one unit: how that unit is responsible.</summary>
public sealed record UnitInvolvement(Guid UnitId, UnitRole Role, bool ViaBlanketAssignment);

/// <summary>A measure as the API serves it, with its responsible units in the order the document lists them.</summary>
/// <param name="Deadline">The completion deadline (完成时限) as the document writes it, e.g. 2021年6月底前 or 长期坚持; absent when it gives none.</param>
/// <param name="DeadlineDate">The last day the deadline allows, when its words name one (2021年6月底前 → 2021-06-30; 年底前 in a document of 2021 → 2021-12-31); absent for 长期坚持 and the like.</param>
public sealed record MeasureResponse(
    Guid Id,
    Guid DocumentId,
    Guid? ChapterId,
    Guid? ParentId,
    string Label,
    int Sequence,
    string Title,
    string? Body,
    MeasureKind Kind,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? KeyWork,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Deadline,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? DeadlineDate,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] BlanketAssignmentDto? BlanketAssignment,
    IReadOnlyList<ResponsibleUnitRef> ResponsibleUnits,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Supervision.ReportingCadenceDto? ReportingCadence,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : TaggedRepresentation
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public UnitInvolvement? ForUnit { get; init; }

    public static MeasureResponse From(Measure m, IReadOnlyDictionary<Guid, UnitLabel> units) => From(m, m?.Assignments ?? [], units);

    /// <summary>The measure with its assignments read alongside it (see <see cref="MeasureReads"/>).</summary>
    public static MeasureResponse From(MeasureRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return From(row.Measure, [.. row.Units.Select(u => u.Assignment)], row.Units.DistinctBy(u => u.Assignment.UnitId).ToDictionary(u => u.Assignment.UnitId, u => new UnitLabel(u.Name, u.Version)));
    }

    private static MeasureResponse From(Measure m, IReadOnlyCollection<MeasureAssignment> assignments, IReadOnlyDictionary<Guid, UnitLabel> units)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(units);
        return new(
            m.Id,
            m.DocumentId,
            m.ChapterId,
            m.ParentId,
            m.Label,
            m.Sequence,
            m.Title,
            m.Body,
            m.Kind,
            m.KeyWork,
            m.Deadline,
            m.DeadlineDate,
            m.BlanketAssignment is { } b ? new BlanketAssignmentDto(b.Text, b.UnitKinds) : null,
            [.. assignments.OrderBy(a => a.Sequence).Select(a => new ResponsibleUnitRef(a.Id, a.UnitId, units.GetValueOrDefault(a.UnitId, UnitLabel.Unknown).Name, a.Role))],
            Supervision.ReportingCadenceDto.From(m.Cadence),
            m.CreatedAt,
            m.UpdatedAt)
        {
            ETag = EntityTags.Of(m.Id, m.Version, assignments.OrderBy(a => a.Sequence).Select(a => (long)units.GetValueOrDefault(a.UnitId, UnitLabel.Unknown).Version)),
        };
    }
}

/// <summary>A measure read with its assignments and the labels of their units.</summary>
public sealed record MeasureRow(Measure Measure, List<AssignedUnit> Units);

/// <summary>An assignment of a measure with its unit's name and version.</summary>
public sealed record AssignedUnit(MeasureAssignment Assignment, string Name, int Version);

/// <summary>
/// The hot reads of measures: the measures, then their assignments with their units' labels, in two flat queries.
/// (One query with the assignments as a nested collection made EF Core build and JIT a delegate in its shaper on
/// every execution: a profile of GET /measures/{id} under load showed DynamicMethod.CreateDelegate on every request.)
/// </summary>
public static class MeasureReads
{
    // One round trip, flat: a row per assignment (or one row with none), the measure repeated on each.
    private static readonly Func<PolicyDbContext, Guid, IAsyncEnumerable<MeasureUnitRow>> ById =
        EF.CompileAsyncQuery((PolicyDbContext db, Guid id) =>
            from m in db.Measures.AsNoTracking()
            where m.Id == id
            from a in db.Assignments.AsNoTracking().Where(a => a.MeasureId == m.Id).DefaultIfEmpty()
            from u in db.Units.AsNoTracking().Where(u => a != null && u.Id == a.UnitId).DefaultIfEmpty()
            select new MeasureUnitRow(m, a, u == null ? null : u.Name, u == null ? 0 : u.Version));

    /// <summary>One measure with its assignments and their units' labels; null when there is none.</summary>
    public static async Task<MeasureRow?> ReadAsync(PolicyDbContext db, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        MeasureRow? row = null;
        await foreach (var r in ById(db, id).WithCancellation(cancellationToken))
        {
            row ??= new MeasureRow(r.Measure, []);
            if (r.Assignment is { } assignment)
            {
                row.Units.Add(new AssignedUnit(assignment, r.UnitName ?? string.Empty, r.UnitVersion));
            }
        }

        return row;
    }

    private sealed record MeasureUnitRow(Measure Measure, MeasureAssignment? Assignment, string? UnitName, int UnitVersion);

    /// <summary>The measures of a query (filtered, ordered and limited by the caller), each with its assignments and their units' labels.</summary>
    public static async Task<List<MeasureRow>> ReadWithUnitsAsync(this IQueryable<Measure> measures, PolicyDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var page = await measures.AsNoTracking().ToListAsync(cancellationToken);
        if (page.Count == 0)
        {
            return [];
        }

        var ids = page.Select(m => m.Id).ToList();
        var units = (await db.Assignments.AsNoTracking().Where(a => ids.Contains(a.MeasureId))
                .Join(db.Units, a => a.UnitId, u => u.Id, (a, u) => new AssignedUnit(a, u.Name, u.Version))
                .ToListAsync(cancellationToken))
            .ToLookup(u => u.Assignment.MeasureId);
        return [.. page.Select(m => new MeasureRow(m, [.. units[m.Id]]))];
    }
}
