using PolicyApi.Infrastructure.Auditing;

namespace PolicyApi.Api.Features.Auditing;

/// <summary>Takes a signed checkpoint of the audit chain's head now (not a change of data: a query in the pipeline's sense).</summary>
public sealed record TakeAuditCheckpoint : IQuery<AuditCheckpoint>;

public sealed class TakeAuditCheckpointHandler(AuditCheckpoints checkpoints) : MediatR.IRequestHandler<TakeAuditCheckpoint, AuditCheckpoint>
{
    public Task<AuditCheckpoint> Handle(TakeAuditCheckpoint request, CancellationToken cancellationToken) => checkpoints.TakeAsync(cancellationToken);
}

internal static class TakeAuditCheckpointEndpoint
{
    public static void Map(IEndpointRouteBuilder audit) =>
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
}
