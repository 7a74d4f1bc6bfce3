namespace PolicyApi.Api.Features.Chapters;

public sealed record GetChapter(Guid DocumentId, Guid ChapterId) : IQuery<ChapterResponse>;

public sealed class GetChapterHandler(PolicyDbContext db) : MediatR.IRequestHandler<GetChapter, ChapterResponse>
{
    public Task<ChapterResponse> Handle(GetChapter request, CancellationToken cancellationToken) =>
        db.Chapters.AsNoTracking().Where(c => c.Id == request.ChapterId && c.DocumentId == request.DocumentId)
            .ReadOneAsync(ChapterResponse.Measures(db), ChapterResponse.From, "Chapter", request.ChapterId, cancellationToken);
}

internal static class GetChapterEndpoint
{
    public static void Map(IEndpointRouteBuilder chapters) =>
        chapters.MapGetResource<GetChapter, ChapterResponse>("/{chapterId}")
            .Describe("GetChapter", "Read a chapter", "Returns the chapter with a strong ETag.");
}
