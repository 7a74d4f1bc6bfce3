namespace PolicyApi.Domain.Reports;

/// <summary>What a unit writes in a progress report.</summary>
/// <param name="Value">The figure for the period (万美元, 次 …), as the target's accumulation asks.</param>
/// <param name="UnitOfMeasure">The unit of the figure; must be the target's.</param>
/// <param name="Narrative">进展情况.</param>
/// <param name="Problems">困难问题.</param>
/// <param name="NextSteps">下一步工作.</param>
/// <param name="SelfAssessment">The unit's own judgement.</param>
/// <param name="EvidenceLinks">Links to evidence (http or https).</param>
/// <param name="Correction">Why a figure departs from what came before (a cumulative total that falls, a negative amount): the explicit correction of an earlier mistake.</param>
public sealed record ReportContent(
    decimal? Value,
    string? UnitOfMeasure,
    string? Narrative,
    string? Problems,
    string? NextSteps,
    SelfAssessment? SelfAssessment,
    IReadOnlyList<string> EvidenceLinks,
    string? Correction = null);
