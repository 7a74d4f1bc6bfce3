using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PolicyApi.Api.Application;
using PolicyApi.Api.Http;
using PolicyApi.Domain.Common;
using PolicyApi.Domain.Targets;
using PolicyApi.Infrastructure.Persistence;

namespace PolicyApi.Api.Features.Targets;

public sealed record RemoveTarget(Guid Id, string? IfMatch) : ICommand<MediatR.Unit>;

public sealed class RemoveTargetHandler(PolicyDbContext db, Representations representations) : MediatR.IRequestHandler<RemoveTarget, MediatR.Unit>
{
    public async Task<MediatR.Unit> Handle(RemoveTarget request, CancellationToken cancellationToken)
    {
        var target = await TargetReferences.LoadAsync(db, request.Id, cancellationToken);
        representations.EnsureMatch(request.IfMatch, TargetResponse.From(target));
        var reports = await db.ProgressReports.CountAsync(r => r.TargetId == target.Id, cancellationToken);
        var dependents = await db.Targets.CountAsync(t => t.BasedOnTargetId == target.Id, cancellationToken);
        if (reports > 0 || dependents > 0)
        {
            throw new DomainRuleViolationException(
                "target-in-use",
                $"The target has {reports} progress report(s) and {dependents} growth target(s) based on it; it is kept for the record.");
        }

        db.Targets.Remove(target);
        await db.SaveChangesAsync(cancellationToken);
        return MediatR.Unit.Value;
    }
}

internal static class TargetReferences
{
    public static async Task<Target> LoadAsync(PolicyDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Targets
            .Include(t => t.Allocations)
            .Include(t => t.ScopeUnits)
            .Include(t => t.Milestones)
            .AsSplitQuery()
            .SingleOrDefaultAsync(t => t.Id == id, cancellationToken)
        ?? throw new ResourceNotFoundException("Target", id);

    /// <summary>The measure, scope units and source target a target names must exist, in its document and region.</summary>
    public static async Task CheckAsync(PolicyDbContext db, Target target, string region, CancellationToken cancellationToken)
    {
        if (target.MeasureId is { } measureId
            && !await db.Measures.AnyAsync(m => m.Id == measureId && m.DocumentId == target.DocumentId, cancellationToken))
        {
            throw new DomainValidationException("measureId", $"The document has no measure {measureId}.");
        }

        var scopeIds = target.ScopeUnits.Select(s => s.UnitId).ToList();
        if (scopeIds.Count > 0)
        {
            var known = await db.Units.Where(u => scopeIds.Contains(u.Id) && u.Region == region).Select(u => u.Id).ToListAsync(cancellationToken);
            var unknown = scopeIds.Except(known).ToList();
            if (unknown.Count > 0)
            {
                throw new DomainValidationException("scopeUnitIds", $"Not units of {region}: {string.Join(", ", unknown)}.");
            }
        }

        if (target.BasedOnTargetId is { } sourceId)
        {
            var source = await db.Targets.AsNoTracking().SingleOrDefaultAsync(t => t.Id == sourceId && t.DocumentId == target.DocumentId, cancellationToken)
                ?? throw new DomainValidationException("basedOnTargetId", $"The document has no target {sourceId}.");
            if (source.IsGrowth || source.Id == target.Id || TextKey.For(source.UnitOfMeasure) != TextKey.For(target.ReportUnitOfMeasure))
            {
                throw new DomainValidationException("basedOnTargetId", $"A growth target takes its actuals from an absolute target in {target.ReportUnitOfMeasure}.");
            }
        }
    }
}

internal static class RemoveTargetEndpoint
{
    public static void Map(IEndpointRouteBuilder targets) =>
        targets.MapDelete("/{targetId}", async (Guid targetId, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new RemoveTarget(targetId, ifMatch), ct);
                return TypedResults.NoContent();
            })
            .Describe("RemoveTarget", "Delete a target", "Only while no progress report and no growth target refers to it (409). Requires If-Match.")
            .RequireIfMatch()
            .WithProblems(400, 404, 409);
}
