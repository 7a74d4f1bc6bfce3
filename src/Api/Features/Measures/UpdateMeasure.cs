namespace PolicyApi.Api.Features.Measures;

public sealed record UpdateMeasure : MeasureFields, Application.ICommand<MeasureResponse>
{
    [JsonIgnore]
    public Guid Id { get; init; }
}

public sealed class UpdateMeasureValidator : MeasureFieldsValidator<UpdateMeasure>
{
    public UpdateMeasureValidator()
    {
        RuleFor(x => x.Kind).NotNull();
    }
}

public sealed class UpdateMeasureHandler(PolicyDbContext db, Documents.DocumentLoader loader, Units.UnitNameLookup unitNames, Representations representations)
    : MediatR.IRequestHandler<UpdateMeasure, MeasureResponse>
{
    public async Task<MeasureResponse> Handle(UpdateMeasure request, CancellationToken cancellationToken)
    {
        var document = await loader.LoadByMeasureAsync(request.Id, cancellationToken);
        var measure = document.FindMeasure(request.Id) ?? throw new ResourceNotFoundException("Measure", request.Id);
        var names = await unitNames.LabelsAsync(measure.Assignments.Select(a => a.UnitId), cancellationToken);
        return await db.ReplaceAsync(representations, measure, m => MeasureResponse.From(m, names),
            () => document.ReviseMeasure(request.Id, request.ToDetails(), request.Sequence), cancellationToken);
    }
}

internal static class UpdateMeasureEndpoint
{
    public static void Map(IEndpointRouteBuilder measures) =>
        measures.MapPut("/{measureId}", (Guid measureId, UpdateMeasure command, MediatorResults results) => results.OkAsync(command with { Id = measureId }))
            .Describe("UpdateMeasure", "Replace a measure", "Replaces label, title, body, kind, chapter, parent, key work, deadline and blanket assignment; a sequence moves it. Assignments are changed through /assignments. Requires If-Match.")
            .ReplacesResource<UpdateMeasure, MeasureResponse>();
}
