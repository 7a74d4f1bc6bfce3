using PolicyApi.Infrastructure.Auditing;

namespace PolicyApi.Api.Features.Auditing;

public sealed record VerifyAudit : IQuery<AuditVerification>;

public sealed class VerifyAuditHandler(AuditLog log, AuditCheckpoints checkpoints) : MediatR.IRequestHandler<VerifyAudit, AuditVerification>
{
    public async Task<AuditVerification> Handle(VerifyAudit request, CancellationToken cancellationToken) =>
        await log.VerifyAsync(await checkpoints.NewestAsync(cancellationToken), cancellationToken);
}

internal static class VerifyAuditEndpoint
{
    public static void Map(IEndpointRouteBuilder audit) =>
        audit.MapGet("/verify", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new VerifyAudit(), ct)))
            .Describe("VerifyAudit", "Check the audit log against its seals and the newest checkpoint",
                "Recomputes each entry's HMAC (the key is held by the application, not the database) and its link to the entry before, and checks " +
                "that the log still reaches the newest signed checkpoint kept outside the database (its last entry, hash and count). Names the first " +
                "entry that was altered, follows a removed one, or is missing. intact=false is an answer, not an error: the status is 200.")
            .Produces<AuditVerification>()
            .WithProblems(400);
}
