namespace PolicyApi.Api.Features.Changes;

/// <summary>The change feed: /api/v1/changes.</summary>
public static class ChangesEndpoints
{
    public static IEndpointRouteBuilder MapChanges(this IEndpointRouteBuilder app)
    {
        var changes = app.MapGroup("/api/v1/changes").WithTags("Changes");
        ListChangesEndpoint.Map(changes);

        return app;
    }
}
