using PolicyApi.Domain.Targets;

namespace PolicyApi.Domain.Supervision;

public enum AttainmentStatus
{
    /// <summary>No accepted figure yet, or the period has not begun.</summary>
    NotStarted,

    /// <summary>The target is met (for a ≥ target at any time; for a ≤ target once its period is over).</summary>
    Achieved,

    /// <summary>At or ahead of 序时进度.</summary>
    OnTrack,

    /// <summary>Below 序时进度, but projected to end within the tolerance of the target.</summary>
    Behind,

    /// <summary>Projected to miss the target by more than the tolerance.</summary>
    AtRisk,

    /// <summary>The period is over and the target was not met.</summary>
    Missed,
}
