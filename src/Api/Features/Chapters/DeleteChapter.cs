namespace PolicyApi.Api.Features.Chapters;

public sealed record DeleteChapter(Guid DocumentId, Guid ChapterId) : ICommand;

public sealed class DeleteChapterHandler(PolicyDbContext db, Documents.DocumentLoader loader, Representations representations)
    : AsyncRequestHandler<DeleteChapter>
{
    protected override async Task Handle(DeleteChapter request, CancellationToken cancellationToken)
    {
        var document = await loader.LoadWholeAsync(request.DocumentId, cancellationToken);
        var current = document.FindChapter(request.ChapterId) ?? throw new ResourceNotFoundException("Chapter", request.ChapterId);
        await db.DeletePartAsync(representations, ChapterResponse.From(document, current), () => document.RemoveChapter(request.ChapterId), cancellationToken);
    }
}

internal static class DeleteChapterEndpoint
{
    public static void Map(IEndpointRouteBuilder chapters) =>
        chapters.MapDeleteResource<DeleteChapter>("/{chapterId}", 400, 404, 409)
            .Describe("DeleteChapter", "Delete a chapter", "Only while it holds no measures (409 otherwise). Requires If-Match.");
}
