namespace PolicyApi.Api.Features.Units;

public sealed record UpdateUnit : UnitFields, ICommand<UnitResponse>
{
    [JsonIgnore]
    public Guid Id { get; init; }
}

public sealed class UpdateUnitValidator : UnitFieldsValidator<UpdateUnit>;

public sealed class UpdateUnitHandler(PolicyDbContext db, UnitRegistry registry, Representations representations)
    : MediatR.IRequestHandler<UpdateUnit, UnitResponse>
{
    public async Task<UnitResponse> Handle(UpdateUnit request, CancellationToken cancellationToken)
    {
        var unit = await registry.LoadAsync(request.Id, cancellationToken);
        return await db.ReplaceAsync(representations, unit, UnitResponse.From,
            () => unit.Revise(request.ToDetails()), () => registry.CheckAsync(unit, request.ParentId, cancellationToken), cancellationToken);
    }
}

internal static class UpdateUnitEndpoint
{
    public static void Map(IEndpointRouteBuilder units) =>
        units.MapPut("/{unitId}", (Guid unitId, UpdateUnit command, MediatorResults results) => results.OkAsync(command with { Id = unitId }))
            .Describe("UpdateUnit", "Replace a responsible unit", "Replaces name, short name, aliases, kind and parent (the region cannot change). Requires If-Match.")
            .ReplacesResource<UpdateUnit, UnitResponse>();
}
