using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PolicyApi.Api.Application;
using PolicyApi.Api.Features.Documents;
using PolicyApi.Api.Http;
using PolicyApi.Domain.Common;
using PolicyApi.Domain.Documents;
using PolicyApi.Infrastructure.Persistence;

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

public sealed record AssignUnit : ICommand<AssignmentResponse>
{
    /// <summary>A unit of the document's region.</summary>
    public Guid? UnitId { get; init; }

    /// <summary>lead (牵头), cooperating (配合) or responsible (责任单位).</summary>
    public UnitRole? Role { get; init; }

    [JsonIgnore]
    public Guid MeasureId { get; init; }
}

public sealed class AssignUnitValidator : AbstractValidator<AssignUnit>
{
    public AssignUnitValidator()
    {
        RuleFor(x => x.UnitId).NotNull().NotEqual(Guid.Empty);
        RuleFor(x => x.Role).NotNull().IsInEnum();
    }
}

public sealed class AssignUnitHandler(PolicyDbContext db) : MediatR.IRequestHandler<AssignUnit, AssignmentResponse>
{
    public async Task<AssignmentResponse> Handle(AssignUnit request, CancellationToken cancellationToken)
    {
        var document = await DocumentLoader.LoadByMeasureAsync(db, request.MeasureId, cancellationToken);
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == request.UnitId, cancellationToken)
            ?? throw new DomainValidationException("unitId", $"There is no unit {request.UnitId}.");
        var assignment = document.AssignUnit(request.MeasureId, unit, request.Role!.Value);
        await db.SaveChangesAsync(cancellationToken);
        return AssignmentResponse.From(assignment, unit.Name);
    }
}

public sealed record ChangeAssignmentRole : ICommand<AssignmentResponse>
{
    public UnitRole? Role { get; init; }

    [JsonIgnore]
    public Guid MeasureId { get; init; }

    [JsonIgnore]
    public Guid AssignmentId { get; init; }

    [JsonIgnore]
    public string? IfMatch { get; init; }
}

public sealed class ChangeAssignmentRoleValidator : AbstractValidator<ChangeAssignmentRole>
{
    public ChangeAssignmentRoleValidator() => RuleFor(x => x.Role).NotNull().IsInEnum();
}

public sealed class ChangeAssignmentRoleHandler(PolicyDbContext db, Representations representations)
    : MediatR.IRequestHandler<ChangeAssignmentRole, AssignmentResponse>
{
    public async Task<AssignmentResponse> Handle(ChangeAssignmentRole request, CancellationToken cancellationToken)
    {
        var document = await DocumentLoader.LoadByMeasureAsync(db, request.MeasureId, cancellationToken);
        var assignment = document.FindMeasure(request.MeasureId).FindAssignment(request.AssignmentId);
        var unitName = await db.Units.Where(u => u.Id == assignment.UnitId).Select(u => u.Name).SingleAsync(cancellationToken);
        representations.EnsureMatch(request.IfMatch, AssignmentResponse.From(assignment, unitName));
        document.ChangeAssignmentRole(request.MeasureId, request.AssignmentId, request.Role!.Value);
        await db.SaveChangesAsync(cancellationToken);
        return AssignmentResponse.From(assignment, unitName);
    }
}

public sealed record RemoveAssignment(Guid MeasureId, Guid AssignmentId, string? IfMatch) : ICommand<MediatR.Unit>;

public sealed class RemoveAssignmentHandler(PolicyDbContext db, Representations representations)
    : MediatR.IRequestHandler<RemoveAssignment, MediatR.Unit>
{
    public async Task<MediatR.Unit> Handle(RemoveAssignment request, CancellationToken cancellationToken)
    {
        var document = await DocumentLoader.LoadByMeasureAsync(db, request.MeasureId, cancellationToken);
        var assignment = document.FindMeasure(request.MeasureId).FindAssignment(request.AssignmentId);
        var unitName = await db.Units.Where(u => u.Id == assignment.UnitId).Select(u => u.Name).SingleAsync(cancellationToken);
        representations.EnsureMatch(request.IfMatch, AssignmentResponse.From(assignment, unitName));
        document.UnassignUnit(request.MeasureId, request.AssignmentId);
        await db.SaveChangesAsync(cancellationToken);
        return MediatR.Unit.Value;
    }
}

public sealed record GetAssignment(Guid MeasureId, Guid AssignmentId) : IQuery<AssignmentResponse>;

public sealed class GetAssignmentHandler(PolicyDbContext db) : MediatR.IRequestHandler<GetAssignment, AssignmentResponse>
{
    public async Task<AssignmentResponse> Handle(GetAssignment request, CancellationToken cancellationToken)
    {
        var row = await db.Assignments.AsNoTracking()
            .Where(a => a.Id == request.AssignmentId && a.MeasureId == request.MeasureId)
            .Select(a => new { Assignment = a, Name = db.Units.Where(u => u.Id == a.UnitId).Select(u => u.Name).First() })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new ResourceNotFoundException("Assignment", request.AssignmentId);
        return AssignmentResponse.From(row.Assignment, row.Name);
    }
}

/// <summary>A measure's responsible units in the order the document lists them.</summary>
/// <param name="MeasureId">The measure.</param>
/// <param name="Limit">Page size, 1–100 (default 20).</param>
/// <param name="Cursor">The nextCursor of the previous page of this list, under the same filters (another list's cursor is a 400).</param>
public sealed record ListAssignments(Guid MeasureId, int? Limit, string? Cursor) : IQuery<Page<AssignmentResponse>>, IPagedQuery;

public sealed class ListAssignmentsHandler(PolicyDbContext db) : MediatR.IRequestHandler<ListAssignments, Page<AssignmentResponse>>
{
    private sealed record Position(int Sequence);

    public async Task<Page<AssignmentResponse>> Handle(ListAssignments request, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(request.Limit);
        var after = Paging.Decode<Position>(request)?.Sequence ?? 0;
        if (!await db.Measures.AnyAsync(m => m.Id == request.MeasureId, cancellationToken))
        {
            throw new ResourceNotFoundException("Measure", request.MeasureId);
        }

        var rows = await db.Assignments.AsNoTracking()
            .Where(a => a.MeasureId == request.MeasureId && a.Sequence > after)
            .OrderBy(a => a.Sequence)
            .Take(limit + 1)
            .Select(a => new { Assignment = a, Name = db.Units.Where(u => u.Id == a.UnitId).Select(u => u.Name).First() })
            .ToListAsync(cancellationToken);
        return Paging.Build(request, rows, limit, r => AssignmentResponse.From(r.Assignment, r.Name), r => new Position(r.Assignment.Sequence));
    }
}
