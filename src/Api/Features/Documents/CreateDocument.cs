using MediatR;
using Microsoft.EntityFrameworkCore;
using PolicyApi.Api.Application;
using PolicyApi.Api.Http;
using PolicyApi.Domain.Documents;
using PolicyApi.Infrastructure.Persistence;

namespace PolicyApi.Api.Features.Documents;

public sealed record CreateDocument : DocumentFields, ICommand<DocumentResponse>;

public sealed class CreateDocumentValidator : DocumentFieldsValidator<CreateDocument>;

public sealed class CreateDocumentHandler(PolicyDbContext db) : MediatR.IRequestHandler<CreateDocument, DocumentResponse>
{
    public async Task<DocumentResponse> Handle(CreateDocument request, CancellationToken cancellationToken)
    {
        var document = PolicyDocument.Create(request.ToDetails());
        await DocumentNumbers.EnsureFreeAsync(db, document, cancellationToken);
        db.Documents.Add(document);
        await db.SaveChangesAsync(cancellationToken);
        return DocumentResponse.From(document);
    }
}

/// <summary>The document that already holds a 文号.</summary>
internal sealed record DocumentHolder(Guid Id, string Title);

internal static class DocumentNumbers
{
    /// <summary>The document (other than <paramref name="exceptId"/>) that holds the 文号 with this key, if any.</summary>
    public static Task<DocumentHolder?> HolderAsync(PolicyDbContext db, string key, Guid? exceptId, CancellationToken cancellationToken) =>
        db.Documents.AsNoTracking()
            .Where(d => d.DocNumberKey == key && d.Id != exceptId)
            .Select(d => new DocumentHolder(d.Id, d.Title))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Refuses a 文号 another document already has, naming that document.</summary>
    public static async Task EnsureFreeAsync(PolicyDbContext db, PolicyDocument document, CancellationToken cancellationToken)
    {
        if (document.DocNumberKey is null)
        {
            return;
        }

        var holder = await HolderAsync(db, document.DocNumberKey, document.Id, cancellationToken);
        if (holder is not null)
        {
            throw new Http.ConflictException(
                Http.ProblemTypes.ForRule("duplicate-doc-number"),
                $"文号 {document.DocNumber} is already used by document {holder.Id} ({holder.Title}).",
                "docNumber")
            {
                Errors = new Dictionary<string, string[]> { ["docNumber"] = [$"Already used by document {holder.Id}."] },
            };
        }
    }
}

internal static class CreateDocumentEndpoint
{
    public static void Map(IEndpointRouteBuilder documents) =>
        documents.MapPost("/", async (CreateDocument command, IMediator mediator, Representations representations, HttpContext http, CancellationToken ct) =>
            {
                var created = await mediator.Send(command, ct);
                return representations.Created(http, $"/api/v1/documents/{created.Id}", created);
            })
            .Describe("CreateDocument", "Register a policy document", "Creates the document with its metadata; chapters and measures are added afterwards. A 文号 already used by another document (bracket and spacing variants included) is a 409.")
            .Accepts<CreateDocument>("application/json")
            .Produces<DocumentResponse>(StatusCodes.Status201Created)
            .Idempotent()
            .WithProblems(400, 409, 413, 415);
}
