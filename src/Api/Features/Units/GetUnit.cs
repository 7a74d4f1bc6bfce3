namespace PolicyApi.Api.Features.Units;

public sealed record GetUnit([FromRoute(Name = "unitId")] Guid Id) : IQuery<UnitResponse>;

public sealed class GetUnitHandler(PolicyDbContext db) : MediatR.IRequestHandler<GetUnit, UnitResponse>
{
    public async Task<UnitResponse> Handle(GetUnit request, CancellationToken cancellationToken)
    {
        var unit = await db.Units.AsNoTracking().Include(u => u.Names).SingleOrDefaultAsync(u => u.Id == request.Id, cancellationToken)
            ?? throw new ResourceNotFoundException("Unit", request.Id);
        return UnitResponse.From(unit);
    }
}

internal static class GetUnitEndpoint
{
    public static void Map(IEndpointRouteBuilder units) =>
        units.MapGetResource<GetUnit, UnitResponse>("/{unitId}")
            .Describe("GetUnit", "Read a responsible unit", "Returns the unit with its aliases and a strong ETag.");
}
