namespace PolicyApi.Api.Features.Chapters;

/// <summary>A document's chapters in document order.</summary>
/// <param name="DocumentId">The policy document's id (UUID).</param>
public sealed record ListChapters(Guid DocumentId) : ResourceListQuery<ChapterResponse>;

public sealed class ListChaptersHandler(PolicyDbContext db) : MediatR.IRequestHandler<ListChapters, Page<ChapterResponse>>
{
    public async Task<Page<ChapterResponse>> Handle(ListChapters request, CancellationToken cancellationToken)
    {
        var page = KeysetPage.Of<int>(request, "Sequence");
        await db.Documents.MustHoldAsync(request.DocumentId, "Document", cancellationToken);
        var chapters = db.Chapters.AsNoTracking().ChangedSince(request.UpdatedSince).Where(c => c.DocumentId == request.DocumentId);
        return await page.ReadWithAsync(chapters, c => c.Sequence, ChapterResponse.Measures(db), ChapterResponse.From, cancellationToken);
    }
}

internal static class ListChaptersEndpoint
{
    public static void Map(IEndpointRouteBuilder chapters) =>
        chapters.MapList<ListChapters, ChapterResponse>("/")
            .Describe("ListChapters", "List a document's chapters", "Chapters (一、二、…) in document order.")
            .WithProblems(400, 404);
}
