namespace PolicyApi.Api.Features.Documents;

public sealed record CreateDocument : DocumentFields, ICommand<DocumentResponse>;

public sealed class CreateDocumentValidator : DocumentFieldsValidator<CreateDocument>;

public sealed class CreateDocumentHandler(PolicyDbContext db, DocumentNumbers documentNumbers) : MediatR.IRequestHandler<CreateDocument, DocumentResponse>
{
    public async Task<DocumentResponse> Handle(CreateDocument request, CancellationToken cancellationToken)
    {
        var document = PolicyDocument.Create(request.ToDetails());
        await documentNumbers.EnsureFreeAsync(document, cancellationToken);
        return await db.CreateAsync(document, DocumentResponse.From, cancellationToken);
    }
}

internal static class CreateDocumentEndpoint
{
    public static void Map(IEndpointRouteBuilder documents) =>
        documents.MapPost("/", (CreateDocument command, MediatorResults results) => results.CreatedAsync(command, created => $"/api/v1/documents/{created.Id}"))
            .Describe("CreateDocument", "Register a policy document", "Creates the document with its metadata; chapters and measures are added afterwards. A 文号 already used by another document (bracket and spacing variants included) is a 409.")
            .CreatesResource<CreateDocument, DocumentResponse>(400, 409, 413, 415);
}
