using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PolicyApi.Api.Application;
using FluentValidation;
using PolicyApi.Domain.Common;
using PolicyApi.Api.Http;
using PolicyApi.Api.Security;
using PolicyApi.Infrastructure.Auditing;
using PolicyApi.Infrastructure.Persistence;

namespace PolicyApi.Api.Features.Auditing;

/// <summary>The actor of the current HTTP request, or the process itself (startup, demo data) outside one.</summary>
public sealed class HttpAuditContext(IHttpContextAccessor http) : IAuditContext
{
    public AuditActor Current
    {
        get
        {
            var context = http.HttpContext;
            if (context is null)
            {
                return new AuditActor("system:startup", null, null, null, null, Activity.Current?.TraceId.ToString(), "-", "-");
            }

            var caller = Caller.Of(context.User);
            return new AuditActor(
                caller?.Subject ?? "anonymous",
                caller is null ? null : string.Join(' ', caller.Roles),
                caller?.UnitId,
                caller?.ClientId,
                context.Connection.RemoteIpAddress?.ToString(),
                Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier,
                context.Request.Method,
                Truncate(context.Request.Path.Value ?? "/", 2000));
        }
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}

/// <summary>
/// Records every refused attempt — a write answered with an error, any 401 or 403, and a read refused by an
/// object-level rule (a reporter asking for another unit's report) — in its own
/// transaction (the refused change itself was rolled back or never began). Successful changes are
/// recorded with the change, by the database interceptor.
/// </summary>
public sealed partial class AuditRefusalsMiddleware(RequestDelegate next, ILogger<AuditRefusalsMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http, IServiceScopeFactory scopes, IAuditContext audit)
    {
        ArgumentNullException.ThrowIfNull(http);
        try
        {
            await next(http);
        }
        finally
        {
            var status = http.Response.StatusCode;
            var write = !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsOptions(http.Request.Method);
            // 429 is not recorded: a client over its limit must not be able to make the log grow at its pace.
            if (http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal) && status != StatusCodes.Status429TooManyRequests
                && (status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden || (write && status >= 400)
                    || http.Items.ContainsKey(RequestContext.RefusedItem)))
            {
                var actor = audit.Current;
                if (status == StatusCodes.Status503ServiceUnavailable)
                {
                    // The database is out or overloaded: the attempt goes to the service log, not to a database that cannot take it.
                    LogNotRecorded(logger, null, http.Request.Method, status, actor.Subject, actor.Path);
                }
                else
                {
                    try
                    {
                        await using var scope = scopes.CreateAsyncScope();
                        await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordRefusalAsync(actor, status, CancellationToken.None);
                    }
                    catch (Exception e)
                    {
                        // The answer has been written; whatever failed here must not cut it off. Say loudly that the refusal is missing from the log.
                        LogNotRecorded(logger, e, http.Request.Method, status, actor.Subject, actor.Path);
                    }
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A refused {Method} {Path} by {Subject} (status {Status}) could not be written to the audit log.")]
    private static partial void LogNotRecorded(ILogger logger, Exception? exception, string method, int status, string subject, string path);
}

/// <summary>The audit log, newest first, filtered.</summary>
/// <param name="Entity">Only entries about this kind of entity, e.g. ProgressReport, PolicyDocument, Measure.</param>
/// <param name="EntityId">Only entries about this entity.</param>
/// <param name="UnitId">Only entries by callers bound to this unit.</param>
/// <param name="Actor">Only entries by this subject.</param>
/// <param name="Outcome">succeeded or refused.</param>
/// <param name="From">Only entries at or after this instant (RFC 3339).</param>
/// <param name="To">Only entries before this instant (RFC 3339).</param>
/// <param name="Limit">Page size, 1–100 (default 20).</param>
/// <param name="Cursor">The nextCursor of the previous page of this list, under the same filters (another list's cursor is a 400).</param>
public sealed record ListAudit(
    [FromQuery(Name = "entity")] string? Entity,
    [FromQuery(Name = "entityId")] string? EntityId,
    [FromQuery(Name = "unitId")] Guid? UnitId,
    [FromQuery(Name = "actor")] string? Actor,
    [FromQuery(Name = "outcome")] string? Outcome,
    [FromQuery(Name = "from")] DateTimeOffset? From,
    [FromQuery(Name = "to")] DateTimeOffset? To,
    [FromQuery(Name = "limit")] int? Limit,
    [FromQuery(Name = "cursor")] string? Cursor)
    : IQuery<Page<AuditEntryResponse>>, IPagedQuery;

public sealed class ListAuditValidator : AbstractValidator<ListAudit>
{
    public ListAuditValidator()
    {
        RuleFor(x => x.From!.Value).Must(v => Bounds.Contains(v)).When(x => x.From is not null).OverridePropertyName("from")
            .WithMessage($"The instant must lie {Bounds.DateRange}.");
        RuleFor(x => x.To!.Value).Must(v => Bounds.Contains(v)).When(x => x.To is not null).OverridePropertyName("to")
            .WithMessage($"The instant must lie {Bounds.DateRange}.");
    }
}

public sealed record AuditEntryResponse(
    long Id, DateTimeOffset OccurredAt, string Subject, string? Role, Guid? UnitId, string? ClientId, string? Ip, string? TraceId,
    string Method, string Path, string? Entity, string? EntityId, string Action, string Outcome, int Status,
    System.Text.Json.Nodes.JsonNode? Before, System.Text.Json.Nodes.JsonNode? After, string PreviousHash, string Hash);

public sealed class ListAuditHandler(PolicyDbContext db) : MediatR.IRequestHandler<ListAudit, Page<AuditEntryResponse>>
{
    private sealed record Position(long Id);

    public async Task<Page<AuditEntryResponse>> Handle(ListAudit request, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(request.Limit);
        var after = Paging.Decode<Position>(request);
        var query = db.AuditEntries.AsNoTracking();
        if (request.Entity is { } entity)
        {
            query = query.Where(e => e.Entity == entity);
        }

        if (request.EntityId is { } entityId)
        {
            query = query.Where(e => e.EntityId == entityId);
        }

        if (request.UnitId is { } unitId)
        {
            query = query.Where(e => e.UnitId == unitId);
        }

        if (request.Actor is { } actor)
        {
            query = query.Where(e => e.Subject == actor);
        }

        if (request.Outcome is { } outcome)
        {
            if (outcome is not ("succeeded" or "refused"))
            {
                throw new DomainValidationException("outcome", "'outcome' is succeeded or refused.");
            }

            query = query.Where(e => e.Outcome == outcome);
        }

        // Any offset is accepted; PostgreSQL compares instants, written in UTC.
        if (request.From?.ToUniversalTime() is { } from)
        {
            query = query.Where(e => e.OccurredAt >= from);
        }

        if (request.To?.ToUniversalTime() is { } to)
        {
            query = query.Where(e => e.OccurredAt < to);
        }

        if (after is not null)
        {
            query = query.Where(e => e.Id < after.Id);
        }

        var rows = await query.OrderByDescending(e => e.Id).Take(limit + 1).ToListAsync(cancellationToken);
        return Paging.Build(request, rows, limit, e => new AuditEntryResponse(
            e.Id, e.OccurredAt, e.Subject, e.Role, e.UnitId, e.ClientId, e.Ip, e.TraceId, e.Method, e.Path, e.Entity, e.EntityId,
            e.Action, e.Outcome, e.Status,
            e.Before is null ? null : System.Text.Json.Nodes.JsonNode.Parse(e.Before),
            e.After is null ? null : System.Text.Json.Nodes.JsonNode.Parse(e.After),
            e.PreviousHash, e.Hash), e => new Position(e.Id));
    }
}

public sealed record VerifyAudit : IQuery<AuditVerification>;

public sealed class VerifyAuditHandler(AuditLog log, AuditCheckpoints checkpoints) : MediatR.IRequestHandler<VerifyAudit, AuditVerification>
{
    public async Task<AuditVerification> Handle(VerifyAudit request, CancellationToken cancellationToken) =>
        await log.VerifyAsync(await checkpoints.NewestAsync(cancellationToken), cancellationToken);
}

/// <summary>Takes a signed checkpoint of the audit chain's head now (not a change of data: a query in the pipeline's sense).</summary>
public sealed record TakeAuditCheckpoint : IQuery<AuditCheckpoint>;

public sealed class TakeAuditCheckpointHandler(AuditCheckpoints checkpoints) : MediatR.IRequestHandler<TakeAuditCheckpoint, AuditCheckpoint>
{
    public Task<AuditCheckpoint> Handle(TakeAuditCheckpoint request, CancellationToken cancellationToken) => checkpoints.TakeAsync(cancellationToken);
}
