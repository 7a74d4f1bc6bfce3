namespace PolicyApi.Domain.Reports;

public enum ReportStatus
{
    Draft,
    Submitted,
    Accepted,
    Returned,
}

/// <summary>The reporting unit's own judgement of where it stands.</summary>
public enum SelfAssessment
{
    NotStarted,
    OnTrack,
    Behind,
    AtRisk,
    Completed,
}

/// <summary>What a revision of a report records.</summary>
public enum ReportAction
{
    Created,
    Edited,
    Submitted,
    Accepted,
    Returned,

    /// <summary>A correction of an accepted report was proposed: the revision holds the proposed content; the report still stands as accepted.</summary>
    CorrectionProposed,

    /// <summary>A supervisor accepted the proposed correction: the report now holds it.</summary>
    Corrected,

    /// <summary>A supervisor turned the proposed correction down (the reason is the revision's returnReason).</summary>
    CorrectionRejected,
}
