namespace PolicyApi.Api.Http;

/// <summary>
/// The stable <c>type</c> identifiers of every problem this API answers with (RFC 9457 §3.1.1).
/// Clients branch on these, never on titles or details.
/// </summary>
public static class ProblemTypes
{
    public const string Prefix = "urn:policyapi:problem:";

    public const string ValidationFailed = Prefix + "validation-failed";
    public const string MalformedRequest = Prefix + "malformed-request";
    public const string NotFound = Prefix + "not-found";
    public const string Conflict = Prefix + "conflict";
    public const string ConcurrencyConflict = Prefix + "concurrency-conflict";
    public const string PreconditionFailed = Prefix + "precondition-failed";
    public const string PreconditionRequired = Prefix + "precondition-required";
    public const string IdempotencyKeyReused = Prefix + "idempotency-key-reused";
    public const string IdempotencyKeyInFlight = Prefix + "idempotency-key-in-flight";
    public const string PayloadTooLarge = Prefix + "payload-too-large";
    public const string UnsupportedMediaType = Prefix + "unsupported-media-type";
    public const string MethodNotAllowed = Prefix + "method-not-allowed";
    public const string NotAcceptable = Prefix + "not-acceptable";
    public const string InternalError = Prefix + "internal-error";
    public const string Unauthorized = Prefix + "unauthorized";
    public const string Forbidden = Prefix + "forbidden";
    public const string TooManyRequests = Prefix + "too-many-requests";
    public const string DatabaseUnavailable = Prefix + "database-unavailable";
    public const string QueryTimeout = Prefix + "query-timeout";
    public const string RequestTimeout = Prefix + "request-timeout";

    /// <summary>The type of a broken domain rule, e.g. <c>urn:policyapi:problem:document-not-empty</c>.</summary>
    public static string ForRule(string code) => Prefix + code;

    public static string ForStatus(int status) => status switch
    {
        400 => MalformedRequest,
        401 => Unauthorized,
        403 => Forbidden,
        429 => TooManyRequests,
        404 => NotFound,
        405 => MethodNotAllowed,
        406 => NotAcceptable,
        409 => Conflict,
        412 => PreconditionFailed,
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        422 => IdempotencyKeyReused,
        428 => PreconditionRequired,
        503 => DatabaseUnavailable,
        _ => status >= 500 ? InternalError : Prefix + status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
