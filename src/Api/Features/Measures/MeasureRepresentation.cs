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

/// <summary>A measure read with its assignments and the labels of their units, in one query.</summary>
public sealed record MeasureRow(Measure Measure, List<AssignedUnit> Units);

/// <summary>An assignment of a measure with its unit's name and version.</summary>
public sealed record AssignedUnit(MeasureAssignment Assignment, string Name, int Version);

/// <summary>
/// The hot reads of measures: one round trip for the measures, their assignments and their units' labels (GetMeasure
/// compiles the same projection).
/// </summary>
public static class MeasureReads
{
    public static IQueryable<MeasureRow> WithUnits(this IQueryable<Measure> measures, PolicyDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return measures.Select(m => new MeasureRow(
            m,
            m.Assignments.Join(db.Units, a => a.UnitId, u => u.Id, (a, u) => new AssignedUnit(a, u.Name, u.Version)).ToList()));
    }
}
