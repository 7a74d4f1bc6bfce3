namespace PolicyApi.Api.Features.Measures;

public sealed record GetMeasure(Guid Id) : IQuery<MeasureResponse>;

public sealed class GetMeasureHandler(PolicyDbContext db, Units.UnitNameLookup unitNames) : MediatR.IRequestHandler<GetMeasure, MeasureResponse>
{
    public async Task<MeasureResponse> Handle(GetMeasure request, CancellationToken cancellationToken)
    {
        var measure = await db.Measures.AsNoTracking().Include(m => m.Assignments)
            .SingleOrDefaultAsync(m => m.Id == request.Id, cancellationToken)
            ?? throw new ResourceNotFoundException("Measure", request.Id);
        var names = await unitNames.LabelsAsync(measure.Assignments.Select(a => a.UnitId), cancellationToken);
        return MeasureResponse.From(measure, names);
    }
}

internal static class GetMeasureEndpoint
{
    public static void Map(IEndpointRouteBuilder measures) =>
        measures.MapGet("/{measureId}", async (Guid measureId, IMediator mediator, Representations representations, HttpContext http, CancellationToken ct) =>
                representations.Ok(http, await mediator.Send(new GetMeasure(measureId), ct)))
            .Describe("GetMeasure", "Read a measure", "Returns the measure with its responsible units and a strong ETag.")
            .ServesResource<MeasureResponse>();
}
