namespace PolicyApi.Api.Features.Measures;

public sealed record DeleteMeasure([FromRoute(Name = "measureId")] Guid Id) : ICommand;

public sealed class DeleteMeasureHandler(PolicyDbContext db, Documents.DocumentLoader loader, Units.UnitNameLookup unitNames, Representations representations)
    : AsyncRequestHandler<DeleteMeasure>
{
    protected override async Task Handle(DeleteMeasure request, CancellationToken cancellationToken)
    {
        var document = await loader.LoadByMeasureAsync(request.Id, cancellationToken);
        var measure = document.FindMeasure(request.Id) ?? throw new ResourceNotFoundException("Measure", request.Id);
        var names = await unitNames.LabelsAsync(measure.Assignments.Select(a => a.UnitId), cancellationToken);
        await db.DeletePartAsync(representations, MeasureResponse.From(measure, names), () => document.RemoveMeasure(request.Id), cancellationToken);
    }
}

internal static class DeleteMeasureEndpoint
{
    public static void Map(IEndpointRouteBuilder measures) =>
        measures.MapDeleteResource<DeleteMeasure>("/{measureId}", 400, 404, 409)
            .Describe("DeleteMeasure", "Delete a measure", "Removes the measure and its assignments; a measure with sub-items is a 409. Requires If-Match.");
}
