namespace PolicyApi.Domain.Common;

/// <summary>
/// A rule of the domain that the requested change would break, given the current state
/// (deleting a document that still has measures, assigning a unit twice). Callers map it to 409.
/// </summary>
public sealed class DomainRuleViolationException(string code, string message, string? field = null)
    : Exception(message)
{
    /// <summary>Stable, kebab-case identifier of the rule, e.g. <c>document-not-empty</c>.</summary>
    public string Code { get; } = code;

    public string? Field { get; } = field;
}

/// <summary>
/// A value the domain cannot accept whatever the state (a period that ends before it starts).
/// Callers map it to 400 with the field named.
/// </summary>
public sealed class DomainValidationException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// A well-formed value the domain cannot accept as it stands (a cumulative total that falls, a negative amount),
/// unless the caller states it is a correction. Answered as 422 naming the field.
/// </summary>
public sealed class DomainImplausibleValueException(string code, string field, string message) : Exception(message)
{
    public string Code { get; } = code;

    public string Field { get; } = field;
}
