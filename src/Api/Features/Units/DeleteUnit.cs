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
            // A share of a target, or a binding by an each-unit target, names the unit too; its reports keep it for the record.
            var targets = await db.Targets.CountAsync(
                t => db.TargetAllocations.Any(a => a.TargetId == t.Id && a.UnitId == unit.Id) || db.Set<TargetScopeUnit>().Any(s => s.TargetId == t.Id && s.UnitId == unit.Id),
                cancellationToken);
            var reports = await db.ProgressReports.CountAsync(r => r.UnitId == unit.Id, cancellationToken);
            if (assignments > 0 || children > 0 || targets > 0 || reports > 0)
            {
                throw new DomainRuleViolationException(
                    "unit-in-use",
                    $"{unit.Name} is still responsible for {assignments} measure(s), has {children} sub-unit(s), is named by {targets} target(s) and has filed {reports} progress report(s); remove the assignments, sub-units and target shares first (a unit that has reported stays).");
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
            .Describe("DeleteUnit", "Delete a responsible unit", "Only while it is assigned to no measure, has no sub-units, is named by no target (a share or an each-unit binding) and has filed no progress report (409). Requires If-Match.");
}
