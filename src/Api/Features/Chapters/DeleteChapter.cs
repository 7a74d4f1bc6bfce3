namespace PolicyApi.Api.Features.Chapters;

public sealed record DeleteChapter([FromRoute(Name = "documentId")] Guid DocumentId, [FromRoute(Name = "chapterId")] Guid ChapterId) : ICommand<MediatR.Unit>;

public sealed class DeleteChapterHandler(PolicyDbContext db, Documents.DocumentLoader loader, Representations representations)
    : MediatR.IRequestHandler<DeleteChapter, MediatR.Unit>
{
    public async Task<MediatR.Unit> Handle(DeleteChapter request, CancellationToken cancellationToken)
    {
        var document = await loader.LoadWholeAsync(request.DocumentId, cancellationToken);
        var current = document.FindChapter(request.ChapterId) ?? throw new ResourceNotFoundException("Chapter", request.ChapterId);
        representations.EnsureMatch(ChapterResponse.From(document, current));
        document.RemoveChapter(request.ChapterId);
        await db.SaveChangesAsync(cancellationToken);
        return MediatR.Unit.Value;
    }
}

internal static class DeleteChapterEndpoint
{
    public static void Map(IEndpointRouteBuilder chapters) =>
        chapters.MapDeleteResource<DeleteChapter>("/{chapterId}")
            .Describe("DeleteChapter", "Delete a chapter", "Only while it holds no measures (409 otherwise). Requires If-Match.")
            .WithProblems(400, 404, 409);
}
