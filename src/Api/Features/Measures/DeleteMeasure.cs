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
        await db.DeletePartAsync(representations, MeasureResponse.From(measure, names), async () =>
        {
            // Asked after If-Match, as the other deletes do: a stale tag costs no counting.
            var targets = await db.Targets.CountAsync(t => t.MeasureId == measure.Id, cancellationToken);
            var reports = await db.ProgressReports.CountAsync(r => r.MeasureId == measure.Id, cancellationToken);
            if (targets > 0 || reports > 0)
            {
                throw new DomainRuleViolationException(
                    "measure-in-use",
                    $"Measure {measure.Label}{measure.Title} has {targets} target(s) set on it and {reports} progress report(s) filed on it; remove the targets first (a measure reported on stays).");
            }

            document.RemoveMeasure(request.Id);
        }, cancellationToken);
    }
}

internal static class DeleteMeasureEndpoint
{
    public static void Map(IEndpointRouteBuilder measures) =>
        measures.MapDeleteResource<DeleteMeasure>("/{measureId}", 400, 404, 409)
            .Describe("DeleteMeasure", "Delete a measure", "Removes the measure and its assignments; a measure with sub-items, targets set on it or progress reports filed on it is a 409. Requires If-Match.");
}
