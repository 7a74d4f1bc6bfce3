using System.Linq.Expressions;

namespace PolicyApi.Api.Features.Assignments;

/// <summary>A unit's assignment to a measure with its role.</summary>
public sealed record AssignmentResponse(
    Guid Id,
    Guid MeasureId,
    Guid UnitId,
    string UnitName,
    UnitRole Role,
    int Sequence,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : TaggedRepresentation
{
    public static AssignmentResponse From(MeasureAssignment a, UnitLabel unit)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(unit);
        return new(a.Id, a.MeasureId, a.UnitId, unit.Name, a.Role, a.Sequence, a.CreatedAt, a.UpdatedAt) { ETag = EntityTags.Of(a.Id, a.Version, unit.Version) };
    }

    /// <summary>What the representation embeds: the unit's name and version, read with the assignment.</summary>
    public static Expression<Func<MeasureAssignment, UnitLabel>> Unit(PolicyDbContext db) => UnitLabel.Of<MeasureAssignment>(db, a => a.UnitId);
}
