using PolicyApi.Domain.Supervision;

namespace PolicyApi.Domain.Documents;

/// <summary>The fields of a policy document that its editors own.</summary>
public sealed record DocumentDetails(
    string Title,
    string? DocNumber,
    string? Issuer,
    string Region,
    DateOnly? IssuedOn,
    DocumentKind Kind,
    DateOnly? PeriodFrom,
    DateOnly? PeriodTo,
    IReadOnlyList<string> BasisDocuments,
    DocumentStatus Status,
    ReportingCadence? Cadence = null);

/// <summary>The fields of a chapter (一、二、…) that its editors own.</summary>
public sealed record ChapterDetails(string Label, string Title);

/// <summary>The fields of a measure that its editors own. Null chapter/parent means none.</summary>
/// <param name="Deadline">The completion deadline (完成时限) as written, e.g. 2021年6月底前 or 长期坚持.</param>
public sealed record MeasureDetails(
    string Label,
    string Title,
    string? Body,
    MeasureKind Kind,
    Guid? ChapterId,
    Guid? ParentId,
    string? KeyWork,
    BlanketAssignment? BlanketAssignment,
    ReportingCadence? Cadence = null,
    string? Deadline = null);
