using System.Linq.Expressions;

namespace PolicyApi.Api.Features.Documents;

/// <summary>A span of dates; either end may be open.</summary>
public sealed record DatePeriod(DateOnly? From, DateOnly? To);

/// <summary>How many chapters and measures a document holds, as its representation counts them.</summary>
public sealed record DocumentParts(int Chapters, int Measures);

/// <summary>A policy document as the API serves it.</summary>
public sealed record DocumentResponse(
    Guid Id,
    string Title,
    string? DocNumber,
    string? Issuer,
    string Region,
    DateOnly? IssuedOn,
    DocumentKind Kind,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DatePeriod? Period,
    IReadOnlyList<string> BasisDocuments,
    DocumentStatus Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Supervision.ReportingCadenceDto? ReportingCadence,
    int ChapterCount,
    int MeasureCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : TaggedRepresentation
{
    /// <summary>What the representation embeds: the document's chapters and measures, counted with it.</summary>
    public static Expression<Func<PolicyDocument, DocumentParts>> Parts { get; } = d => new DocumentParts(d.Chapters.Count, d.Measures.Count);

    public static DocumentResponse From(PolicyDocument d, DocumentParts parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(d);
        return new(
            d.Id,
            d.Title,
            d.DocNumber,
            d.Issuer,
            d.Region,
            d.IssuedOn,
            d.Kind,
            d.PeriodFrom is null && d.PeriodTo is null ? null : new DatePeriod(d.PeriodFrom, d.PeriodTo),
            d.BasisDocuments,
            d.Status,
            Supervision.ReportingCadenceDto.From(d.Cadence),
            parts.Chapters,
            parts.Measures,
            d.CreatedAt,
            d.UpdatedAt)
        {
            ETag = EntityTags.Of(d.Id, d.Version, parts.Chapters, parts.Measures),
        };
    }

    public static DocumentResponse From(PolicyDocument d) => From(d, new DocumentParts(d.Chapters.Count, d.Measures.Count));
}
