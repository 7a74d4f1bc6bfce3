namespace PolicyApi.Api.Features.Units;

public sealed record RegisterUnit : UnitFields, ICommand<UnitResponse>
{
    /// <summary>The region whose registry the unit joins, e.g. 连云港市. Cannot change later.</summary>
    public string? Region { get; init; }
}

public sealed class RegisterUnitValidator : UnitFieldsValidator<RegisterUnit>
{
    public RegisterUnitValidator()
    {
        RuleFor(x => x.Region).NotEmpty().MaximumLength(TextLimits.Region);
    }
}

public sealed class RegisterUnitHandler(PolicyDbContext db, UnitRegistry registry) : MediatR.IRequestHandler<RegisterUnit, UnitResponse>
{
    public async Task<UnitResponse> Handle(RegisterUnit request, CancellationToken cancellationToken)
    {
        var unit = ResponsibleUnit.Register(request.Region!, request.ToDetails());
        await registry.CheckAsync(unit, request.ParentId, cancellationToken);
        return await db.CreateAsync(unit, UnitResponse.From, cancellationToken);
    }
}

internal static class RegisterUnitEndpoint
{
    public static void Map(IEndpointRouteBuilder units) =>
        units.MapPost("/", (RegisterUnit command, MediatorResults results) => results.CreatedAsync(command, created => $"/api/v1/units/{created.Id}"))
            .Describe("RegisterUnit", "Register a responsible unit in a region", "Every name, short name and alias must be free in the region (409 names the unit that holds it); the same name in another region is another unit.")
            .CreatesResource<RegisterUnit, UnitResponse>(400, 409, 413, 415);
}
