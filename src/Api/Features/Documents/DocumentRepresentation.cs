namespace PolicyApi.Api.Features.Documents;

/// <summary>A span of dates; either end may be open.</summary>
public sealed record DatePeriod(DateOnly? From, DateOnly? To);

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
    public static DocumentResponse From(PolicyDocument d, int chapterCount, int measureCount)
    {
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
            chapterCount,
            measureCount,
            d.CreatedAt,
            d.UpdatedAt)
        {
            ETag = EntityTags.Of(d.Id, d.Version, chapterCount, measureCount),
        };
    }

    public static DocumentResponse From(PolicyDocument d) => From(d, d.Chapters.Count, d.Measures.Count);
}
