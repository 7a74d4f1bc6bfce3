namespace PolicyApi.Api.Features.Targets;

public sealed record RemoveTarget([FromRoute(Name = "targetId")] Guid Id) : ICommand;

public sealed class RemoveTargetHandler(PolicyDbContext db, TargetReferences targetReferences, Representations representations) : AsyncRequestHandler<RemoveTarget>
{
    protected override async Task Handle(RemoveTarget request, CancellationToken cancellationToken)
    {
        var target = await targetReferences.LoadAsync(request.Id, cancellationToken);
        await db.DeleteAsync(representations, target, TargetResponse.From(target), async () =>
        {
            var reports = await db.ProgressReports.CountAsync(r => r.TargetId == target.Id, cancellationToken);
            var dependents = await db.Targets.CountAsync(t => t.BasedOnTargetId == target.Id, cancellationToken);
            if (reports > 0 || dependents > 0)
            {
                throw new DomainRuleViolationException(
                    "target-in-use",
                    $"The target has {reports} progress report(s) and {dependents} growth target(s) based on it; it is kept for the record.");
            }
        }, cancellationToken);
    }
}

internal static class RemoveTargetEndpoint
{
    public static void Map(IEndpointRouteBuilder targets) =>
        targets.MapDeleteResource<RemoveTarget>("/{targetId}", 400, 404, 409)
            .Describe("RemoveTarget", "Delete a target", "Only while no progress report and no growth target refers to it (409). Requires If-Match.");
}
