namespace PolicyApi.Api.Features.Units;

/// <summary>The routes of the unit registry: /api/v1/units.</summary>
public static class UnitsEndpoints
{
    public static IEndpointRouteBuilder MapUnits(this IEndpointRouteBuilder app)
    {
        var units = app.MapGroup("/api/v1/units").WithTags("Units");
        ListUnitsEndpoint.Map(units);
        RegisterUnitEndpoint.Map(units);
        GetUnitEndpoint.Map(units);
        UpdateUnitEndpoint.Map(units);
        DeleteUnitEndpoint.Map(units);

        return app;
    }
}
