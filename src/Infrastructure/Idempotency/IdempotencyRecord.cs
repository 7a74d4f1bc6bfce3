namespace PolicyApi.Infrastructure.Idempotency;

/// <summary>
/// A request made with an <c>Idempotency-Key</c> whose change committed: the fingerprint of the request and the
/// response to replay. Written in the same transaction as the change; keys are scoped to the caller's whole
/// identity and kept for a day.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary>The caller's identity key (a hash of subject, roles, unit, client and scopes).</summary>
    public required string Caller { get; init; }

    public required string Key { get; init; }

    /// <summary>SHA-256 of method, path, If-Match and body: the same key with another request is refused.</summary>
    public required string RequestHash { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public int StatusCode { get; init; }

    public string? ContentType { get; init; }

    public string? Location { get; init; }

    public string? ETag { get; init; }

    public byte[]? Body { get; init; }
}
