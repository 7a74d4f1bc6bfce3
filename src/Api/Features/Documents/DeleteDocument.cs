namespace PolicyApi.Api.Features.Documents;

public sealed record DeleteDocument([FromRoute(Name = "documentId")] Guid Id) : ICommand<MediatR.Unit>;

public sealed class DeleteDocumentHandler(PolicyDbContext db, DocumentLoader loader, Http.Representations representations)
    : MediatR.IRequestHandler<DeleteDocument, MediatR.Unit>
{
    public async Task<MediatR.Unit> Handle(DeleteDocument request, CancellationToken cancellationToken)
    {
        var document = await loader.LoadWholeAsync(request.Id, cancellationToken);
        representations.EnsureMatch(DocumentResponse.From(document));
        document.EnsureCanBeDeleted();
        db.Documents.Remove(document);
        await db.SaveChangesAsync(cancellationToken);
        return MediatR.Unit.Value;
    }
}

internal static class DeleteDocumentEndpoint
{
    public static void Map(IEndpointRouteBuilder documents) =>
        documents.MapDeleteResource<DeleteDocument>("/{documentId}")
            .Describe("DeleteDocument", "Delete a policy document", "Only while nothing is attached: a document with chapters or measures is a 409. Requires If-Match.")
            .WithProblems(400, 404, 409);
}
