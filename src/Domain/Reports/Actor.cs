namespace PolicyApi.Domain.Reports;

/// <summary>Who made a change: the authenticated subject, the role it acted in, and the unit it is bound to.</summary>
public sealed record Actor(string Subject, string? Role, Guid? UnitId);
