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
}
