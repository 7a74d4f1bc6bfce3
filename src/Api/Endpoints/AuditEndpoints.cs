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
            .Describe("VerifyAudit", "Check the audit log against its seals and the newest checkpoint",
                "Recomputes each entry's HMAC (the key is held by the application, not the database) and its link to the entry before, and checks " +
                "that the log still reaches the newest signed checkpoint kept outside the database (its last entry, hash and count). Names the first " +
                "entry that was altered, follows a removed one, or is missing. intact=false is an answer, not an error: the status is 200.")
            .Produces<AuditVerification>()
            .WithProblems(400);

        audit.MapPost("/checkpoints", async (IMediator mediator, CancellationToken ct) =>
            {
                var checkpoint = await mediator.Send(new TakeAuditCheckpoint(), ct);
                return TypedResults.Created("/api/v1/audit/verify", checkpoint);
            })
            .Describe("TakeAuditCheckpoint", "Take a checkpoint of the audit log now",
                "Signs the chain's head (entries, last id, last hash) with the audit key and writes it outside the database (the service log, and the " +
                "configured file or webhook). Checkpoints are also taken at startup and every Audit:CheckpointInterval. Refused with 409 when the log " +
                "no longer reaches the previous checkpoint: a tampered log is never signed.")
            .Produces<AuditCheckpoint>(StatusCodes.Status201Created)
            .Idempotent()
            .WithProblems(400, 409);

        return app;
    }
}
