namespace PolicyApi.Api.Features.Measures;

public sealed record DeleteMeasure([FromRoute(Name = "measureId")] Guid Id) : ICommand<MediatR.Unit>;

public sealed class DeleteMeasureHandler(PolicyDbContext db, Documents.DocumentLoader loader, Units.UnitNameLookup unitNames, Representations representations)
    : MediatR.IRequestHandler<DeleteMeasure, MediatR.Unit>
{
    public async Task<MediatR.Unit> Handle(DeleteMeasure request, CancellationToken cancellationToken)
    {
        var document = await loader.LoadByMeasureAsync(request.Id, cancellationToken);
        var measure = document.FindMeasure(request.Id) ?? throw new ResourceNotFoundException("Measure", request.Id);
        var names = await unitNames.LabelsAsync(measure.Assignments.Select(a => a.UnitId), cancellationToken);
        representations.EnsureMatch(MeasureResponse.From(measure, names));
        document.RemoveMeasure(request.Id);
        await db.SaveChangesAsync(cancellationToken);
        return MediatR.Unit.Value;
    }
}

internal static class DeleteMeasureEndpoint
{
    public static void Map(IEndpointRouteBuilder measures) =>
        measures.MapDeleteResource<DeleteMeasure>("/{measureId}")
            .Describe("DeleteMeasure", "Delete a measure", "Removes the measure and its assignments; a measure with sub-items is a 409. Requires If-Match.")
            .WithProblems(400, 404, 409);
}
