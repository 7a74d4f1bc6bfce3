namespace PolicyApi.Api.Features.Targets;

/// <summary>The routes of targets: set under their document, read, revised, split and measured at /api/v1/targets.</summary>
public static class TargetsEndpoints
{
    public static IEndpointRouteBuilder MapTargets(this IEndpointRouteBuilder app)
    {
        SetTargetEndpoint.Map(app);

        var targets = app.MapGroup("/api/v1/targets").WithTags("Targets");
        ListTargetsEndpoint.Map(targets);
        GetTargetEndpoint.Map(targets);
        ReviseTargetEndpoint.Map(targets);
        RemoveTargetEndpoint.Map(targets);
        GetAllocationsEndpoint.Map(targets);
        AllocateTargetEndpoint.Map(targets);
        Supervision.GetAttainmentEndpoint.Map(targets);

        return app;
    }
}
