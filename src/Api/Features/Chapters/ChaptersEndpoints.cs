namespace PolicyApi.Api.Features.Chapters;

/// <summary>The routes of a document's chapters: /api/v1/documents/{documentId}/chapters.</summary>
public static class ChaptersEndpoints
{
    public static IEndpointRouteBuilder MapChapters(this IEndpointRouteBuilder app)
    {
        var chapters = app.MapGroup("/api/v1/documents/{documentId}/chapters").WithTags("Chapters");
        ListChaptersEndpoint.Map(chapters);
        CreateChapterEndpoint.Map(chapters);
        GetChapterEndpoint.Map(chapters);
        UpdateChapterEndpoint.Map(chapters);
        DeleteChapterEndpoint.Map(chapters);

        return app;
    }
}
