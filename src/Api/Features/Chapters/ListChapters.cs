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
        var rows = await page.Rows(chapters, c => c.Sequence)
            .Select(c => new { Chapter = c, Measures = db.Measures.Count(m => m.ChapterId == c.Id) })
            .ToListAsync(cancellationToken);
        return page.Build(rows, r => ChapterResponse.From(r.Chapter, r.Measures), r => r.Chapter.Sequence);
    }
}

internal static class ListChaptersEndpoint
{
    public static void Map(IEndpointRouteBuilder chapters) =>
        chapters.MapList<ListChapters, ChapterResponse>("/")
            .Describe("ListChapters", "List a document's chapters", "Chapters (一、二、…) in document order.")
            .WithProblems(400, 404);
}
