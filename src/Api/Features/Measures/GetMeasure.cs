namespace PolicyApi.Api.Features.Measures;

public sealed record GetMeasure([FromRoute(Name = "measureId")] Guid Id) : IQuery<MeasureResponse>;

public sealed class GetMeasureHandler(PolicyDbContext db) : MediatR.IRequestHandler<GetMeasure, MeasureResponse>
{
    // The hottest read: compiled once, one round trip (the measure, its assignments and their units' labels).
    private static readonly Func<PolicyDbContext, Guid, CancellationToken, Task<MeasureRow?>> Read =
        EF.CompileAsyncQuery((PolicyDbContext db, Guid id, CancellationToken _) =>
            db.Measures.AsNoTracking().Where(m => m.Id == id)
                .Select(m => new MeasureRow(m, m.Assignments.Join(db.Units, a => a.UnitId, u => u.Id, (a, u) => new AssignedUnit(a, u.Name, u.Version)).ToList()))
                .FirstOrDefault());

    public async Task<MeasureResponse> Handle(GetMeasure request, CancellationToken cancellationToken)
    {
        var row = await Read(db, request.Id, cancellationToken) ?? throw new ResourceNotFoundException("Measure", request.Id);
        return MeasureResponse.From(row);
    }
}

internal static class GetMeasureEndpoint
{
    public static void Map(IEndpointRouteBuilder measures) =>
        measures.MapGetResource<GetMeasure, MeasureResponse>("/{measureId}")
            .Describe("GetMeasure", "Read a measure", "Returns the measure with its responsible units and a strong ETag.");
}
