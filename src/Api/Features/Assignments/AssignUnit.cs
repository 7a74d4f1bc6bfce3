namespace PolicyApi.Api.Features.Assignments;

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

public sealed class AssignUnitHandler(PolicyDbContext db, Documents.DocumentLoader loader) : MediatR.IRequestHandler<AssignUnit, AssignmentResponse>
{
    public async Task<AssignmentResponse> Handle(AssignUnit request, CancellationToken cancellationToken)
    {
        var document = await loader.LoadByMeasureAsync(request.MeasureId, cancellationToken);
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == request.UnitId, cancellationToken)
            ?? throw new DomainValidationException("unitId", $"There is no unit {request.UnitId}.");
        var assignment = document.AssignUnit(request.MeasureId, unit, request.Role!.Value);
        await db.SaveChangesAsync(cancellationToken);
        return AssignmentResponse.From(assignment, new UnitLabel(unit.Name, unit.Version));
    }
}

internal static class AssignUnitEndpoint
{
    public static void Map(IEndpointRouteBuilder assignments) =>
        assignments.MapPost("/", (Guid measureId, AssignUnit command, MediatorResults results) =>
                results.CreatedAsync(command with { MeasureId = measureId }, created => $"/api/v1/measures/{measureId}/assignments/{created.Id}"))
            .Describe("AssignUnit", "Assign a responsible unit to a measure", "The unit must belong to the document's region and not be assigned already (409).")
            .CreatesResource<AssignUnit, AssignmentResponse>(400, 404, 409, 413, 415);
}
