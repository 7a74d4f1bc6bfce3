namespace PolicyApi.Api.Features.Supervision;

/// <summary>The routes of supervision: what is due and overdue, rankings (/api/v1/supervision) and bulletins (/api/v1/bulletins).</summary>
public static class SupervisionEndpoints
{
    public static IEndpointRouteBuilder MapSupervision(this IEndpointRouteBuilder app)
    {
        var supervision = app.MapGroup("/api/v1/supervision").WithTags("Supervision");
        ListObligationsEndpoint.Map(supervision);
        GetRankingsEndpoint.Map(supervision);
        GetBulletinEndpoint.Map(app);
        GetMyDutiesEndpoint.Map(app);

        return app;
    }
}
