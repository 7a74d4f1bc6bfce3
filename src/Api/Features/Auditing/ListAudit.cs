namespace PolicyApi.Api.Features.Auditing;

/// <summary>The audit log, newest first, filtered.</summary>
/// <param name="Entity">Only entries about this kind of entity, e.g. ProgressReport, PolicyDocument, Measure.</param>
/// <param name="EntityId">Only entries about this entity.</param>
/// <param name="UnitId">Only entries by callers bound to this unit.</param>
/// <param name="Actor">Only entries by this subject.</param>
/// <param name="Outcome">succeeded or refused.</param>
/// <param name="From">Only entries at or after this instant (RFC 3339).</param>
/// <param name="To">Only entries before this instant (RFC 3339).</param>
public sealed record ListAudit(string? Entity, string? EntityId, Guid? UnitId, string? Actor, string? Outcome, DateTimeOffset? From, DateTimeOffset? To)
    : ListQuery<AuditEntryResponse>;

public sealed class ListAuditValidator : AbstractValidator<ListAudit>
{
    public ListAuditValidator()
    {
        RuleFor(x => x.From!.Value).Must(v => Bounds.Contains(v)).When(x => x.From is not null).OverridePropertyName("from")
            .WithMessage($"The instant must lie {Bounds.DateRange}.");
        RuleFor(x => x.To!.Value).Must(v => Bounds.Contains(v)).When(x => x.To is not null).OverridePropertyName("to")
            .WithMessage($"The instant must lie {Bounds.DateRange}.");
        RuleFor(x => x.Outcome).Must(o => string.IsNullOrWhiteSpace(o) || OutcomeOf(o) is "succeeded" or "refused").OverridePropertyName("outcome")
            .WithMessage("'outcome' is succeeded or refused.");
    }

    /// <summary>An outcome as the log writes it: in any case, spaces around ignored.</summary>
    internal static string OutcomeOf(string outcome) => outcome.Trim().ToLowerInvariant();
}

public sealed record AuditEntryResponse(
    long Id, DateTimeOffset OccurredAt, string Subject, string? Role, Guid? UnitId, string? ClientId, string? Ip, string? TraceId,
    string Method, string Path, string? Entity, string? EntityId, string Action, string Outcome, int Status,
    System.Text.Json.Nodes.JsonNode? Before, System.Text.Json.Nodes.JsonNode? After, string PreviousHash, string Hash);

public sealed class ListAuditHandler(PolicyDbContext db) : MediatR.IRequestHandler<ListAudit, Page<AuditEntryResponse>>
{
    public async Task<Page<AuditEntryResponse>> Handle(ListAudit request, CancellationToken cancellationToken)
    {
        var page = KeysetPage.NewestFirst<long>(request);
        // Any offset is accepted; PostgreSQL compares instants, written in UTC.
        var query = db.AuditEntries.AsNoTracking()
            .WhereGiven(request.Entity, entity => e => e.Entity == entity)
            .WhereGiven(request.EntityId, entityId => e => e.EntityId == entityId)
            .WhereGiven(request.UnitId, unitId => e => e.UnitId == unitId)
            .WhereGiven(request.Actor, actor => e => e.Subject == actor)
            .WhereGiven(request.Outcome, outcome => e => e.Outcome == ListAuditValidator.OutcomeOf(outcome))
            .WhereGiven(request.From?.ToUniversalTime(), from => e => e.OccurredAt >= from)
            .WhereGiven(request.To?.ToUniversalTime(), to => e => e.OccurredAt < to);
        return await page.ReadAsync(query, e => e.Id, e => new AuditEntryResponse(
            e.Id, e.OccurredAt, e.Subject, e.Role, e.UnitId, e.ClientId, e.Ip, e.TraceId, e.Method, e.Path, e.Entity, e.EntityId,
            e.Action, e.Outcome, e.Status,
            e.Before is null ? null : System.Text.Json.Nodes.JsonNode.Parse(e.Before),
            e.After is null ? null : System.Text.Json.Nodes.JsonNode.Parse(e.After),
            e.PreviousHash, e.Hash), cancellationToken);
    }
}

internal static class ListAuditEndpoint
{
    public static void Map(IEndpointRouteBuilder audit) =>
        audit.MapList<ListAudit, AuditEntryResponse>("/")
            .Describe("ListAudit", "Read the audit log",
                "Every change (who, role, unit, client, IP, trace id, entity, action, before and after) and every refused attempt, newest first; " +
                "filter by entity, entity id, unit, actor, outcome and time. For administrators and supervisors.")
            .WithProblems(400);
}
