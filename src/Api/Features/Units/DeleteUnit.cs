namespace PolicyApi.Api.Features.Units;

public sealed record DeleteUnit([FromRoute(Name = "unitId")] Guid Id) : ICommand;

public sealed class DeleteUnitHandler(PolicyDbContext db, UnitRegistry registry, Representations representations, ValidatedTokens tokens)
    : AsyncRequestHandler<DeleteUnit>
{
    protected override async Task Handle(DeleteUnit request, CancellationToken cancellationToken)
    {
        var unit = await registry.LoadAsync(request.Id, cancellationToken);
        await db.DeleteAsync(representations, unit, UnitResponse.From(unit), async () =>
        {
            var assignments = await db.Assignments.CountAsync(a => a.UnitId == unit.Id, cancellationToken);
            var children = await db.Units.CountAsync(u => u.ParentId == unit.Id, cancellationToken);
            if (assignments > 0 || children > 0)
            {
                throw new DomainRuleViolationException(
                    "unit-in-use",
                    $"{unit.Name} is still responsible for {assignments} measure(s) and has {children} sub-unit(s); remove those first.");
            }

            // Its reporters' tokens stop being taken as validated (see ValidatedTokens).
            tokens.ForgetUnit(unit.Id);
        }, cancellationToken);
    }
}

internal static class DeleteUnitEndpoint
{
    public static void Map(IEndpointRouteBuilder units) =>
        units.MapDeleteResource<DeleteUnit>("/{unitId}", 400, 404, 409)
            .Describe("DeleteUnit", "Delete a responsible unit", "Only while it is assigned to no measure and has no sub-units (409). Requires If-Match.");
}
