namespace PolicyApi.Api.Features.Documents;

/// <summary>The routes of policy documents: /api/v1/documents.</summary>
public static class DocumentsEndpoints
{
    public static IEndpointRouteBuilder MapDocuments(this IEndpointRouteBuilder app)
    {
        var documents = app.MapGroup("/api/v1/documents").WithTags("Documents");
        ListDocumentsEndpoint.Map(documents);
        CreateDocumentEndpoint.Map(documents);
        GetDocumentEndpoint.Map(documents);
        UpdateDocumentEndpoint.Map(documents);
        DeleteDocumentEndpoint.Map(documents);
        Exports.GetTaskTableEndpoint.Map(documents);

        return app;
    }
}
