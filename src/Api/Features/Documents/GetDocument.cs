namespace PolicyApi.Api.Features.Documents;

public sealed record GetDocument([FromRoute(Name = "documentId")] Guid Id) : IQuery<DocumentResponse>;

public sealed class GetDocumentHandler(PolicyDbContext db) : MediatR.IRequestHandler<GetDocument, DocumentResponse>
{
    public async Task<DocumentResponse> Handle(GetDocument request, CancellationToken cancellationToken)
    {
        var row = await db.Documents.AsNoTracking()
            .Where(d => d.Id == request.Id)
            .Select(d => new { Document = d, Chapters = d.Chapters.Count, Measures = d.Measures.Count })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new ResourceNotFoundException("Document", request.Id);
        return DocumentResponse.From(row.Document, row.Chapters, row.Measures);
    }
}

internal static class GetDocumentEndpoint
{
    public static void Map(IEndpointRouteBuilder documents) =>
        documents.MapGetResource<GetDocument, DocumentResponse>("/{documentId}")
            .Describe("GetDocument", "Read a policy document", "Returns the document with a strong ETag; If-None-Match with that ETag answers 304.");
}
