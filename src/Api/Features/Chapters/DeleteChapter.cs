namespace PolicyApi.Api.Features.Chapters;

public sealed record DeleteChapter(Guid DocumentId, Guid ChapterId, string? IfMatch) : ICommand<MediatR.Unit>;

public sealed class DeleteChapterHandler(PolicyDbContext db, Documents.DocumentLoader loader, Representations representations)
    : MediatR.IRequestHandler<DeleteChapter, MediatR.Unit>
{
    public async Task<MediatR.Unit> Handle(DeleteChapter request, CancellationToken cancellationToken)
    {
        var document = await loader.LoadWholeAsync(request.DocumentId, cancellationToken);
        var current = document.FindChapter(request.ChapterId) ?? throw new ResourceNotFoundException("Chapter", request.ChapterId);
        representations.EnsureMatch(request.IfMatch, ChapterResponse.From(document, current));
        document.RemoveChapter(request.ChapterId);
        await db.SaveChangesAsync(cancellationToken);
        return MediatR.Unit.Value;
    }
}

internal static class DeleteChapterEndpoint
{
    public static void Map(IEndpointRouteBuilder chapters) =>
        chapters.MapDelete("/{chapterId}", async (Guid documentId, Guid chapterId, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteChapter(documentId, chapterId, ifMatch), ct);
                return TypedResults.NoContent();
            })
            .Describe("DeleteChapter", "Delete a chapter", "Only while it holds no measures (409 otherwise). Requires If-Match.")
            .RequireIfMatch()
            .WithProblems(400, 404, 409);
}
