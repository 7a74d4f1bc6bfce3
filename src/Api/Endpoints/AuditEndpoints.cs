using MediatR;
using PolicyApi.Api.Features.Auditing;
using PolicyApi.Infrastructure.Auditing;

namespace PolicyApi.Api.Endpoints;

public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/v1/audit").WithTags("Audit");

        audit.MapGet("/", async ([AsParameters] ListAudit query, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(query, ct)))
            .Describe("ListAudit", "Read the audit log",
                "Every change (who, role, unit, client, IP, trace id, entity, action, before and after) and every refused attempt, newest first; " +
                "filter by entity, entity id, unit, actor, outcome and time. For administrators and supervisors.")
            .WithProblems(400);

        audit.MapGet("/verify", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new VerifyAudit(), ct)))
            .Describe("VerifyAudit", "Check the audit log's hash chain",
                "Recomputes each entry's SHA-256 and its link to the entry before; names the first entry that was altered, or that follows a removed one.")
            .Produces<AuditVerification>()
            .WithProblems(400);

        return app;
    }
}
