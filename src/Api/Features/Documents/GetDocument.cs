namespace PolicyApi.Api.Features.Documents;

public sealed record GetDocument([FromRoute(Name = "documentId")] Guid Id) : IQuery<DocumentResponse>;

public sealed class GetDocumentHandler(PolicyDbContext db) : MediatR.IRequestHandler<GetDocument, DocumentResponse>
{
    public Task<DocumentResponse> Handle(GetDocument request, CancellationToken cancellationToken) =>
        db.Documents.AsNoTracking().Where(d => d.Id == request.Id)
            .ReadOneAsync(DocumentResponse.Parts, DocumentResponse.From, "Document", request.Id, cancellationToken);
}

internal static class GetDocumentEndpoint
{
    public static void Map(IEndpointRouteBuilder documents) =>
        documents.MapGetResource<GetDocument, DocumentResponse>("/{documentId}")
            .Describe("GetDocument", "Read a policy document", "Returns the document with a strong ETag; If-None-Match with that ETag answers 304.");
}
