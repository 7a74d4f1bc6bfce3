namespace PolicyApi.Api.Features.Chapters;

public sealed record GetChapter(Guid DocumentId, Guid ChapterId) : IQuery<ChapterResponse>;

public sealed class GetChapterHandler(PolicyDbContext db) : MediatR.IRequestHandler<GetChapter, ChapterResponse>
{
    public async Task<ChapterResponse> Handle(GetChapter request, CancellationToken cancellationToken)
    {
        var row = await db.Chapters.AsNoTracking()
            .Where(c => c.Id == request.ChapterId && c.DocumentId == request.DocumentId)
            .Select(c => new { Chapter = c, Measures = db.Measures.Count(m => m.ChapterId == c.Id) })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new ResourceNotFoundException("Chapter", request.ChapterId);
        return ChapterResponse.From(row.Chapter, row.Measures);
    }
}

internal static class GetChapterEndpoint
{
    public static void Map(IEndpointRouteBuilder chapters) =>
        chapters.MapGetResource<GetChapter, ChapterResponse>("/{chapterId}")
            .Describe("GetChapter", "Read a chapter", "Returns the chapter with a strong ETag.");
}
