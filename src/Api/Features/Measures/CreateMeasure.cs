namespace PolicyApi.Api.Features.Measures;

public sealed record CreateMeasure : MeasureFields, Application.ICommand<MeasureResponse>
{
    [JsonIgnore]
    public Guid DocumentId { get; init; }
}

public sealed class CreateMeasureValidator : MeasureFieldsValidator<CreateMeasure>;

public sealed class CreateMeasureHandler(PolicyDbContext db, Documents.DocumentLoader loader) : MediatR.IRequestHandler<CreateMeasure, MeasureResponse>
{
    public async Task<MeasureResponse> Handle(CreateMeasure request, CancellationToken cancellationToken)
    {
        var document = await loader.LoadWholeAsync(request.DocumentId, cancellationToken);
        var measure = document.AddMeasure(request.ToDetails(), request.Sequence);
        await db.SaveChangesAsync(cancellationToken);
        return MeasureResponse.From(measure, new Dictionary<Guid, Units.UnitLabel>());
    }
}

internal static class CreateMeasureEndpoint
{
    public static void Map(IEndpointRouteBuilder documentMeasures) =>
        documentMeasures.MapPost("/", (Guid documentId, CreateMeasure command, MediatorResults results) =>
                results.CreatedAsync(command with { DocumentId = documentId }, created => $"/api/v1/measures/{created.Id}"))
            .Describe("CreateMeasure", "Add a measure to a document", "Appends the measure in document order, or inserts it at the given sequence. The chapter and parent must belong to the same document; a sub-item inherits its parent's chapter.")
            .CreatesResource<CreateMeasure, MeasureResponse>(400, 404, 409, 413, 415);
}
