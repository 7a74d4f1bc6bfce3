using PolicyApi.Api.Application;
using PolicyApi.Infrastructure.Persistence;

namespace PolicyApi.Api.Features.Documents;

public sealed record DeleteDocument(Guid Id, string? IfMatch) : ICommand<MediatR.Unit>;

public sealed class DeleteDocumentHandler(PolicyDbContext db, Http.Representations representations)
    : MediatR.IRequestHandler<DeleteDocument, MediatR.Unit>
{
    public async Task<MediatR.Unit> Handle(DeleteDocument request, CancellationToken cancellationToken)
    {
        var document = await DocumentLoader.LoadWholeAsync(db, request.Id, cancellationToken);
        representations.EnsureMatch(request.IfMatch, DocumentResponse.From(document));
        document.EnsureCanBeDeleted();
        db.Documents.Remove(document);
        await db.SaveChangesAsync(cancellationToken);
        return MediatR.Unit.Value;
    }
}
