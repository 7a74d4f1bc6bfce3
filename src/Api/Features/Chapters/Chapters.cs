using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PolicyApi.Api.Application;
using PolicyApi.Api.Features.Documents;
using PolicyApi.Api.Http;
using PolicyApi.Domain.Common;
using PolicyApi.Domain.Documents;
using PolicyApi.Infrastructure.Persistence;

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
    DateTimeOffset UpdatedAt)
{
    public static ChapterResponse From(Chapter c, int measureCount)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Id, c.DocumentId, c.Label, c.Title, c.Sequence, measureCount, c.CreatedAt, c.UpdatedAt);
    }

    public static ChapterResponse From(PolicyDocument d, Chapter c)
    {
        ArgumentNullException.ThrowIfNull(d);
        return From(c, d.Measures.Count(m => m.ChapterId == c.Id));
    }
}

/// <summary>The fields of a chapter its editors own.</summary>
public abstract record ChapterFields
{
    /// <summary>The label exactly as written, e.g. 一、</summary>
    public string? Label { get; init; }

    /// <summary>e.g. 加强对稳外资工作领导</summary>
    public string? Title { get; init; }

    /// <summary>1-based position among the chapters; omitted on create means last, on replace means unchanged.</summary>
    public int? Sequence { get; init; }

    [JsonIgnore]
    public Guid DocumentId { get; init; }

    public ChapterDetails ToDetails() => new(Label!, Title!);
}

public abstract class ChapterFieldsValidator<T> : AbstractValidator<T>
    where T : ChapterFields
{
    protected ChapterFieldsValidator()
    {
        RuleFor(x => x.Label).NotEmpty().MaximumLength(TextLimits.Label);
        RuleFor(x => x.Title).NotEmpty().MaximumLength(TextLimits.Title);
        RuleFor(x => x.Sequence).GreaterThanOrEqualTo(1);
    }
}

public sealed record CreateChapter : ChapterFields, ICommand<ChapterResponse>;

public sealed class CreateChapterValidator : ChapterFieldsValidator<CreateChapter>;

public sealed class CreateChapterHandler(PolicyDbContext db) : MediatR.IRequestHandler<CreateChapter, ChapterResponse>
{
    public async Task<ChapterResponse> Handle(CreateChapter request, CancellationToken cancellationToken)
    {
        var document = await DocumentLoader.LoadWholeAsync(db, request.DocumentId, cancellationToken);
        var chapter = document.AddChapter(request.ToDetails(), request.Sequence);
        await db.SaveChangesAsync(cancellationToken);
        return ChapterResponse.From(chapter, 0);
    }
}

public sealed record UpdateChapter : ChapterFields, ICommand<ChapterResponse>
{
    [JsonIgnore]
    public Guid ChapterId { get; init; }

    [JsonIgnore]
    public string? IfMatch { get; init; }
}

public sealed class UpdateChapterValidator : ChapterFieldsValidator<UpdateChapter>;

public sealed class UpdateChapterHandler(PolicyDbContext db, Representations representations)
    : MediatR.IRequestHandler<UpdateChapter, ChapterResponse>
{
    public async Task<ChapterResponse> Handle(UpdateChapter request, CancellationToken cancellationToken)
    {
        var document = await DocumentLoader.LoadWholeAsync(db, request.DocumentId, cancellationToken);
        representations.EnsureMatch(request.IfMatch, ChapterResponse.From(document, document.FindChapter(request.ChapterId)));
        var chapter = document.ReviseChapter(request.ChapterId, request.ToDetails(), request.Sequence);
        await db.SaveChangesAsync(cancellationToken);
        return ChapterResponse.From(document, chapter);
    }
}

public sealed record DeleteChapter(Guid DocumentId, Guid ChapterId, string? IfMatch) : ICommand<MediatR.Unit>;

public sealed class DeleteChapterHandler(PolicyDbContext db, Representations representations)
    : MediatR.IRequestHandler<DeleteChapter, MediatR.Unit>
{
    public async Task<MediatR.Unit> Handle(DeleteChapter request, CancellationToken cancellationToken)
    {
        var document = await DocumentLoader.LoadWholeAsync(db, request.DocumentId, cancellationToken);
        representations.EnsureMatch(request.IfMatch, ChapterResponse.From(document, document.FindChapter(request.ChapterId)));
        document.RemoveChapter(request.ChapterId);
        await db.SaveChangesAsync(cancellationToken);
        return MediatR.Unit.Value;
    }
}

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

/// <summary>A document's chapters in document order.</summary>
/// <param name="DocumentId">The document.</param>
/// <param name="Limit">Page size, 1–100 (default 20).</param>
/// <param name="Cursor">The nextCursor of the previous page of this list, under the same filters (another list's cursor is a 400).</param>
public sealed record ListChapters(Guid DocumentId, int? Limit, string? Cursor) : IQuery<Page<ChapterResponse>>, IPagedQuery;

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

        var rows = await db.Chapters.AsNoTracking()
            .Where(c => c.DocumentId == request.DocumentId && c.Sequence > after)
            .OrderBy(c => c.Sequence)
            .Take(limit + 1)
            .Select(c => new { Chapter = c, Measures = db.Measures.Count(m => m.ChapterId == c.Id) })
            .ToListAsync(cancellationToken);
        return Paging.Build(request, rows, limit, r => ChapterResponse.From(r.Chapter, r.Measures), r => new Position(r.Chapter.Sequence));
    }
}
