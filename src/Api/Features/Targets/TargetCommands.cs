using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using PolicyApi.Api.Application;
using PolicyApi.Api.Http;
using PolicyApi.Domain.Common;
using PolicyApi.Domain.Targets;
using PolicyApi.Infrastructure.Persistence;

namespace PolicyApi.Api.Features.Targets;

public sealed record SetTarget : TargetFields, ICommand<TargetResponse>
{
    [JsonIgnore]
    public Guid DocumentId { get; init; }
}

public sealed class SetTargetValidator : TargetFieldsValidator<SetTarget>;

public sealed class SetTargetHandler(PolicyDbContext db) : MediatR.IRequestHandler<SetTarget, TargetResponse>
{
    public async Task<TargetResponse> Handle(SetTarget request, CancellationToken cancellationToken)
    {
        var region = await db.Documents.Where(d => d.Id == request.DocumentId).Select(d => d.Region).SingleOrDefaultAsync(cancellationToken)
            ?? throw new ResourceNotFoundException("Document", request.DocumentId);
        var target = Target.Set(request.DocumentId, request.ToDetails());
        await TargetReferences.CheckAsync(db, target, region, cancellationToken);
        db.Targets.Add(target);
        await db.SaveChangesAsync(cancellationToken);
        return TargetResponse.From(target);
    }
}

public sealed record ReviseTarget : TargetFields, ICommand<TargetResponse>
{
    [JsonIgnore]
    public Guid Id { get; init; }

    [JsonIgnore]
    public string? IfMatch { get; init; }
}

public sealed class ReviseTargetValidator : TargetFieldsValidator<ReviseTarget>;

public sealed class ReviseTargetHandler(PolicyDbContext db, Representations representations) : MediatR.IRequestHandler<ReviseTarget, TargetResponse>
{
    public async Task<TargetResponse> Handle(ReviseTarget request, CancellationToken cancellationToken)
    {
        var target = await TargetReferences.LoadAsync(db, request.Id, cancellationToken);
        representations.EnsureMatch(request.IfMatch, TargetResponse.From(target));
        target.Revise(request.ToDetails());
        var region = await db.Documents.Where(d => d.Id == target.DocumentId).Select(d => d.Region).SingleAsync(cancellationToken);
        await TargetReferences.CheckAsync(db, target, region, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TargetResponse.From(target);
    }
}

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
