using PolicyApi.Domain.Documents;

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
    DateTimeOffset UpdatedAt)
{
    public static AssignmentResponse From(MeasureAssignment a, string unitName)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.Id, a.MeasureId, a.UnitId, unitName, a.Role, a.Sequence, a.CreatedAt, a.UpdatedAt);
    }
}
