namespace PolicyApi.Api.Features.Chapters;

/// <summary>A document's chapters in document order.</summary>
/// <param name="DocumentId">The policy document's id (UUID).</param>
/// <param name="UpdatedSince">Only items created or changed at or after this instant (RFC 3339).</param>
/// <param name="Limit">Page size, 1–100 (default 20).</param>
/// <param name="Cursor">The nextCursor of the previous page of this list, under the same filters (another list's cursor is a 400).</param>
public sealed record ListChapters([FromRoute(Name = "documentId")] Guid DocumentId, [FromQuery(Name = "updatedSince")] DateTimeOffset? UpdatedSince, [FromQuery(Name = "limit")] int? Limit, [FromQuery(Name = "cursor")] string? Cursor) : IQuery<Page<ChapterResponse>>, IPagedQuery;

public sealed class ListChaptersHandler(PolicyDbContext db) : MediatR.IRequestHandler<ListChapters, Page<ChapterResponse>>
{
    private sealed record Position(int Sequence);

    public async Task<Page<ChapterResponse>> Handle(ListChapters request, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(request.Limit);
        var after = Paging.Decode<Position>(request)?.Sequence ?? 0;
        if (!await db.Documents.AnyAsync(d => d.Id == request.DocumentId, cancellationToken))
        {
            throw new ResourceNotFoundException("Document", request.DocumentId);
        }

        var rows = await db.Chapters.AsNoTracking().ChangedSince(request.UpdatedSince)
            .Where(c => c.DocumentId == request.DocumentId && c.Sequence > after)
            .OrderBy(c => c.Sequence)
            .Take(limit + 1)
            .Select(c => new { Chapter = c, Measures = db.Measures.Count(m => m.ChapterId == c.Id) })
            .ToListAsync(cancellationToken);
        return Paging.Build(request, rows, limit, r => ChapterResponse.From(r.Chapter, r.Measures), r => new Position(r.Chapter.Sequence));
    }
}

internal static class ListChaptersEndpoint
{
    public static void Map(IEndpointRouteBuilder chapters) =>
        chapters.MapQuery<ListChapters, Page<ChapterResponse>>("/")
            .Describe("ListChapters", "List a document's chapters", "Chapters (一、二、…) in document order.")
            .WithProblems(400, 404);
}
