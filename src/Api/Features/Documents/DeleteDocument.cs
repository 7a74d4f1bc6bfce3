namespace PolicyApi.Api.Features.Documents;

public sealed record DeleteDocument([FromRoute(Name = "documentId")] Guid Id) : ICommand;

public sealed class DeleteDocumentHandler(PolicyDbContext db, DocumentLoader loader, Http.Representations representations)
    : AsyncRequestHandler<DeleteDocument>
{
    protected override async Task Handle(DeleteDocument request, CancellationToken cancellationToken)
    {
        var document = await loader.LoadWholeAsync(request.Id, cancellationToken);
        await db.DeleteAsync(representations, document, DocumentResponse.From(document), document.EnsureCanBeDeleted, cancellationToken);
    }
}

internal static class DeleteDocumentEndpoint
{
    public static void Map(IEndpointRouteBuilder documents) =>
        documents.MapDeleteResource<DeleteDocument>("/{documentId}", 400, 404, 409)
            .Describe("DeleteDocument", "Delete a policy document", "Only while nothing is attached: a document with chapters or measures is a 409. Requires If-Match.");
}
