namespace PolicyApi.Api.Features.Chapters;

public sealed record CreateChapter : ChapterFields, ICommand<ChapterResponse>;

public sealed class CreateChapterValidator : ChapterFieldsValidator<CreateChapter>;

public sealed class CreateChapterHandler(PolicyDbContext db, Documents.DocumentLoader loader) : MediatR.IRequestHandler<CreateChapter, ChapterResponse>
{
    public async Task<ChapterResponse> Handle(CreateChapter request, CancellationToken cancellationToken)
    {
        var document = await loader.LoadWholeAsync(request.DocumentId, cancellationToken);
        var chapter = document.AddChapter(request.ToDetails(), request.Sequence);
        await db.SaveChangesAsync(cancellationToken);
        return ChapterResponse.From(chapter, 0);
    }
}

internal static class CreateChapterEndpoint
{
    public static void Map(IEndpointRouteBuilder chapters) =>
        chapters.MapPost("/", (Guid documentId, CreateChapter command, MediatorResults results) =>
                results.CreatedAsync(command with { DocumentId = documentId }, created => $"/api/v1/documents/{documentId}/chapters/{created.Id}"))
            .Describe("CreateChapter", "Add a chapter", "Appends the chapter, or inserts it at the given sequence.")
            .CreatesResource<CreateChapter, ChapterResponse>(400, 404, 409, 413, 415);
}
