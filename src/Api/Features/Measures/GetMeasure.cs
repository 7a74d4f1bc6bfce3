namespace PolicyApi.Api.Features.Measures;

public sealed record GetMeasure([FromRoute(Name = "measureId")] Guid Id) : IQuery<MeasureResponse>;

public sealed class GetMeasureHandler(PolicyDbContext db) : MediatR.IRequestHandler<GetMeasure, MeasureResponse>
{
    public async Task<MeasureResponse> Handle(GetMeasure request, CancellationToken cancellationToken)
    {
        var row = await MeasureReads.ReadAsync(db, request.Id, cancellationToken) ?? throw new ResourceNotFoundException("Measure", request.Id);
        return MeasureResponse.From(row);
    }
}

internal static class GetMeasureEndpoint
{
    public static void Map(IEndpointRouteBuilder measures) =>
        measures.MapGetResource<GetMeasure, MeasureResponse>("/{measureId}")
            .Describe("GetMeasure", "Read a measure", "Returns the measure with its responsible units and a strong ETag.");
}
