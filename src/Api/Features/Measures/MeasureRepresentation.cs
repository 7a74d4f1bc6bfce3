using PolicyApi.Api.Features.Units;
using PolicyApi.Domain.Documents;
using PolicyApi.Domain.Units;

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
    DateTimeOffset UpdatedAt) : ITaggedRepresentation
{
    internal string ETag { get; init; } = string.Empty;

    string ITaggedRepresentation.ETag => ETag;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public UnitInvolvement? ForUnit { get; init; }

    public static MeasureResponse From(Measure m, IReadOnlyDictionary<Guid, UnitLabel> units)
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
            [.. m.Assignments.OrderBy(a => a.Sequence).Select(a => new ResponsibleUnitRef(a.Id, a.UnitId, units.GetValueOrDefault(a.UnitId, UnitLabel.Unknown).Name, a.Role))],
            Supervision.ReportingCadenceDto.From(m.Cadence),
            m.CreatedAt,
            m.UpdatedAt)
        {
            ETag = EntityTags.Of(m.Id, m.Version, m.Assignments.OrderBy(a => a.Sequence).Select(a => (long)units.GetValueOrDefault(a.UnitId, UnitLabel.Unknown).Version)),
        };
    }
}
