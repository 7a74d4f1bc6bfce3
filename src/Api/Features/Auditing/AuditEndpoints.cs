namespace PolicyApi.Api.Features.Auditing;

/// <summary>The routes of the audit log: /api/v1/audit.</summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/v1/audit").WithTags("Audit");
        ListAuditEndpoint.Map(audit);
        VerifyAuditEndpoint.Map(audit);
        TakeAuditCheckpointEndpoint.Map(audit);

        return app;
    }
}
