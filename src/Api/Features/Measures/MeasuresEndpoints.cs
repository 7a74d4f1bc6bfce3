namespace PolicyApi.Api.Features.Measures;

/// <summary>The routes of measures: listed and added under their document, read and changed at /api/v1/measures.</summary>
public static class MeasuresEndpoints
{
    public static IEndpointRouteBuilder MapMeasures(this IEndpointRouteBuilder app)
    {
        var documentMeasures = app.MapGroup("/api/v1/documents/{documentId}/measures").WithTags("Measures");
        ListMeasuresEndpoint.MapForDocument(documentMeasures);
        CreateMeasureEndpoint.Map(documentMeasures);

        var measures = app.MapGroup("/api/v1/measures").WithTags("Measures");
        ListMeasuresEndpoint.Map(measures);
        GetMeasureEndpoint.Map(measures);
        UpdateMeasureEndpoint.Map(measures);
        DeleteMeasureEndpoint.Map(measures);

        return app;
    }
}
