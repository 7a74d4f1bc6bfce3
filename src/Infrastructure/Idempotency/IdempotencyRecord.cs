namespace PolicyApi.Infrastructure.Idempotency;

/// <summary>
/// A creating request made with an <c>Idempotency-Key</c>: the fingerprint of the request and, once it
/// has completed, the response to replay. Keys are scoped to the caller and kept for a day.
/// </summary>
public sealed class IdempotencyRecord
{
    public required string Caller { get; init; }

    public required string Key { get; init; }

    /// <summary>SHA-256 of method, path and body: the same key with another request is refused.</summary>
    public required string RequestHash { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>While in flight: when the first request's claim lapses (a crashed request must not block the key for a day).</summary>
    public DateTimeOffset LockedUntil { get; set; }

    public bool Completed { get; set; }

    public int? StatusCode { get; set; }

    public string? ContentType { get; set; }

    public string? Location { get; set; }

    public string? ETag { get; set; }

    public byte[]? Body { get; set; }
}
