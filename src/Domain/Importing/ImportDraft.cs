using PolicyApi.Domain.Documents;
using PolicyApi.Domain.Targets;

namespace PolicyApi.Domain.Importing;

/// <summary>
/// Where an item of a draft came from: character offsets into the submitted text (UTF-16 code units, as
/// JSON strings count them) and the 1-based line on which it starts.
/// </summary>
public sealed record SourceSpan(int Start, int Length, int Line);

/// <summary>
/// What the importer read from a document's text. Field names follow the ground-truth readings of the
/// seed documents (label, title, parent, responsibleUnits, blanketAssignment, targets …) so a draft and a
/// careful reading compare field by field. Sequence numbers tie items together unambiguously; labels
/// are kept for people, since labels repeat (（一） in every chapter).
/// </summary>
public sealed record ImportDraft(
    string? Title,
    string? EnclosedTitle,
    string? DocNumber,
    string? Issuer,
    DateOnly? IssuedOn,
    string Region,
    DocumentKind Kind,
    int? Year,
    IReadOnlyList<DraftChapter> Chapters,
    IReadOnlyList<DraftMeasure> Measures,
    IReadOnlyList<DraftTask> Tasks,
    IReadOnlyList<DraftTarget> Targets,
    IReadOnlyList<DraftCadence> Cadence,
    DraftReportingCadence? ReportingCadence,
    IReadOnlyList<string> Warnings);

public sealed record DraftChapter(string Label, string Title, SourceSpan Span);

public sealed partial record DraftUnit(string Name, UnitRole Role, IReadOnlyList<string>? Components = null)
{
    /// <summary>
    /// 各县区政府、功能板块, 其他市直有关单位, 区各部门, 区各招商主体, 有关部门: a phrase naming a class of units rather than one unit;
    /// it becomes a blanket assignment, never a unit of the registry.
    /// </summary>
    public static bool IsCollective(string name) => !string.IsNullOrEmpty(name) && CollectivePhrase().IsMatch(name);

    [System.Text.RegularExpressions.GeneratedRegex(@"^((市|区|县|镇|全市|全区|全县)?(各|其他)|(市|区|县)?直?(有关|相关)(部门|单位)$)")]
    private static partial System.Text.RegularExpressions.Regex CollectivePhrase();
}

/// <param name="Kind">task for the rows of a document that is only a task table (任务分工表): each row is a measure labelled with its 序号.</param>
/// <param name="Deadline">The completion deadline (完成时限) as written, e.g. 2022年6月底前 or 长期坚持: a task table's 完成时限 column.</param>
public sealed record DraftMeasure(
    int Sequence,
    string Label,
    string? LabelAsWritten,
    bool LabelRepaired,
    string? Chapter,
    string? Parent,
    int? ParentSequence,
    string Title,
    string? Body,
    MeasureKind Kind,
    IReadOnlyList<DraftUnit> ResponsibleUnits,
    bool UnitsRepaired,
    string? BlanketAssignment,
    IReadOnlyList<int> TaskNumbers,
    SourceSpan Span,
    string? Deadline = null)
{
    /// <summary>
    /// A unit list the importer found but could not read (unbalanced brackets, no unit named), as written. Nothing of it
    /// is assigned: a draft with any is not committed until a person clears it (null) after putting the units in
    /// responsibleUnits.
    /// </summary>
    public string? UnparsedUnits { get; init; }
}

/// <param name="Deadline">The row's 完成时限 cell as written, e.g. 2021年12月底前, when the table has that column.</param>
public sealed record DraftTask(
    int Number,
    string? KeyWork,
    bool KeyWorkMissing,
    string? KeyWorkFromMainText,
    string Text,
    IReadOnlyList<DraftUnit> ResponsibleUnits,
    string? MeasureLabel,
    int? MeasureSequence,
    SourceSpan Span,
    string? Deadline = null)
{
    /// <summary>Unit names of the row the importer could not read (unbalanced brackets), as written; cleared by a person before commit.</summary>
    public string? UnparsedUnits { get; init; }
}

/// <param name="Accumulation">How reports on it add up, read from its unit of measure (amounts accumulate, counts count, rates and time limits are levels).</param>
public sealed record DraftTarget(
    string Text,
    string Indicator,
    Comparator Comparator,
    decimal Value,
    string Unit,
    Accumulation Accumulation,
    string? Period,
    string Scope,
    string? ScopeText,
    bool Growth,
    string? MeasureLabel,
    int? MeasureSequence,
    string? Chapter,
    SourceSpan Span)
{
    /// <summary>
    /// For a growth target (同比增长20%以上): the position in <c>targets</c> (from 0) of the absolute target of the same
    /// indicator (实际利用外资7000万美元) it is measured on; committed as the target's basedOnTargetId. The baseline
    /// (last year's value) is not in the text and is left for a person to fill.
    /// </summary>
    public int? BasedOn { get; init; }
}

public sealed record DraftCadence(
    string Text,
    string Frequency,
    string Purpose,
    string? MeasureLabel,
    int? MeasureSequence,
    string? Chapter,
    string? Detail,
    SourceSpan Span);

/// <summary>The reporting rhythm the importer proposes for the document (the most frequent tracking phrase).</summary>
public sealed record DraftReportingCadence(string Frequency, int GraceDays, string Source);
