namespace PolicyApi.Api.Features.Chapters;

public sealed record UpdateChapter : ChapterFields, ICommand<ChapterResponse>
{
    [JsonIgnore]
    public Guid ChapterId { get; init; }
}

public sealed class UpdateChapterValidator : ChapterFieldsValidator<UpdateChapter>;

public sealed class UpdateChapterHandler(PolicyDbContext db, Documents.DocumentLoader loader, Representations representations)
    : MediatR.IRequestHandler<UpdateChapter, ChapterResponse>
{
    public async Task<ChapterResponse> Handle(UpdateChapter request, CancellationToken cancellationToken)
    {
        var document = await loader.LoadWholeAsync(request.DocumentId, cancellationToken);
        var chapter = document.FindChapter(request.ChapterId) ?? throw new ResourceNotFoundException("Chapter", request.ChapterId);
        return await db.ReplaceAsync(representations, chapter, c => ChapterResponse.From(document, c),
            () => document.ReviseChapter(request.ChapterId, request.ToDetails(), request.Sequence), cancellationToken);
    }
}

internal static class UpdateChapterEndpoint
{
    public static void Map(IEndpointRouteBuilder chapters) =>
        chapters.MapPut("/{chapterId}", (Guid documentId, Guid chapterId, UpdateChapter command, MediatorResults results) =>
                results.OkAsync(command with { DocumentId = documentId, ChapterId = chapterId }))
            .Describe("UpdateChapter", "Replace a chapter", "Replaces label and title; a sequence moves it. Requires If-Match.")
            .ReplacesResource<UpdateChapter, ChapterResponse>();
}
