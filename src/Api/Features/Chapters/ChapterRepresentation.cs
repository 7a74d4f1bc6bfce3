using System.Linq.Expressions;

namespace PolicyApi.Api.Features.Chapters;

/// <summary>A chapter (一、二、…) as the API serves it.</summary>
public sealed record ChapterResponse(
    Guid Id,
    Guid DocumentId,
    string Label,
    string Title,
    int Sequence,
    int MeasureCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : TaggedRepresentation
{
    /// <summary>What the representation embeds: how many measures the chapter holds, counted with it.</summary>
    public static Expression<Func<Chapter, int>> Measures(PolicyDbContext db) => c => db.Measures.Count(m => m.ChapterId == c.Id);

    public static ChapterResponse From(Chapter c, int measureCount)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Id, c.DocumentId, c.Label, c.Title, c.Sequence, measureCount, c.CreatedAt, c.UpdatedAt) { ETag = EntityTags.Of(c.Id, c.Version, measureCount) };
    }

    public static ChapterResponse From(PolicyDocument d, Chapter c)
    {
        ArgumentNullException.ThrowIfNull(d);
        return From(c, d.Measures.Count(m => m.ChapterId == c.Id));
    }
}
