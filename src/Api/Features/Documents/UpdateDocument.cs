namespace PolicyApi.Api.Features.Documents;

public sealed record UpdateDocument : DocumentFields, ICommand<DocumentResponse>
{
    [JsonIgnore]
    public Guid Id { get; init; }
}

public sealed class UpdateDocumentValidator : DocumentFieldsValidator<UpdateDocument>
{
    public UpdateDocumentValidator()
    {
        // A replace states the whole document: a missing status would silently turn it back into a draft.
        RuleFor(x => x.Status).NotNull();
    }
}

public sealed class UpdateDocumentHandler(PolicyDbContext db, DocumentLoader loader, DocumentNumbers documentNumbers, Representations representations)
    : MediatR.IRequestHandler<UpdateDocument, DocumentResponse>
{
    public async Task<DocumentResponse> Handle(UpdateDocument request, CancellationToken cancellationToken)
    {
        var document = await loader.LoadWholeAsync(request.Id, cancellationToken);
        return await db.ReplaceAsync(representations, document, DocumentResponse.From,
            () => document.Revise(request.ToDetails()), () => documentNumbers.EnsureFreeAsync(document, cancellationToken), cancellationToken);
    }
}

internal static class UpdateDocumentEndpoint
{
    public static void Map(IEndpointRouteBuilder documents) =>
        documents.MapPut("/{documentId}", (Guid documentId, UpdateDocument command, MediatorResults results) => results.OkAsync(command with { Id = documentId }))
            .Describe("UpdateDocument", "Replace a policy document's metadata", "Replaces every editor-owned field (a field left out is cleared; status must be given). Requires If-Match with the current ETag.")
            .ReplacesResource<UpdateDocument, DocumentResponse>();
}
