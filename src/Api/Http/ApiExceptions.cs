namespace PolicyApi.Api.Http;

/// <summary>An error the API answers with a specific problem; thrown by handlers and filters, mapped in one place.</summary>
public abstract class ApiProblemException(int status, string type, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;

    public string Type { get; } = type;

    public string Title { get; } = title;

    public IDictionary<string, string[]>? Errors { get; init; }
}

public sealed class ResourceNotFoundException(string resource, object id)
    : ApiProblemException(404, ProblemTypes.NotFound, "Resource not found", $"{resource} {id} was not found.");

/// <summary>A stale If-Match; the answer carries the current ETag, so a client can refetch or decide without a round trip.</summary>
public sealed class PreconditionFailedException(string? currentETag = null)
    : ApiProblemException(
        412,
        ProblemTypes.PreconditionFailed,
        "Precondition failed",
        "The resource has changed since it was read: its ETag no longer matches If-Match. Fetch it again and reapply the change.")
{
    public string? CurrentETag { get; } = currentETag;
}

public sealed class PreconditionRequiredException()
    : ApiProblemException(
        428,
        ProblemTypes.PreconditionRequired,
        "Precondition required",
        "This operation requires an If-Match header with the ETag of the resource as last read.");

/// <summary>A single invalid input that no validator could see beforehand (a cursor that does not decode).</summary>
public sealed class InvalidInputException(string field, string message)
    : ApiProblemException(400, ProblemTypes.ValidationFailed, "One or more fields are invalid", message)
{
    public string Field { get; } = field;
}

/// <summary>A state conflict that is not a named domain rule (a duplicate found by a unique index).</summary>
public sealed class ConflictException(string type, string detail, string? field = null)
    : ApiProblemException(409, type, "Conflict with the current state", detail)
{
    public string? Field { get; } = field;
}

/// <summary>A well-formed request the API cannot act on as it stands (a text with no measures, names no unit matches).</summary>
public sealed class UnprocessableException(string type, string title, string detail)
    : ApiProblemException(422, type, title, detail);

/// <summary>The resource existed but is gone for good (an import draft that expired).</summary>
public sealed class GoneException(string type, string detail)
    : ApiProblemException(410, type, "Gone", detail);

/// <summary>The request body is larger than the endpoint accepts.</summary>
public sealed class PayloadTooLargeException(long limit)
    : ApiProblemException(413, ProblemTypes.PayloadTooLarge, "Request body too large", $"The request body exceeds the {limit:N0} bytes this endpoint accepts.");

/// <summary>The caller is known but may not do this to this object (a reporter filing for another unit).</summary>
public sealed class ForbiddenException(string type, string detail)
    : ApiProblemException(403, type, "Forbidden", detail);

/// <summary>The request body is in a media type the operation does not read.</summary>
public sealed class UnsupportedMediaTypeException(string expected)
    : ApiProblemException(415, ProblemTypes.UnsupportedMediaType, "Unsupported media type", $"Send the request body as {expected}.");

/// <summary>No acceptable access token: none was sent, or the one sent was refused (naming the claim it lacks, if that is why).</summary>
public sealed class UnauthorizedException(string detail, string? claim = null)
    : ApiProblemException(401, ProblemTypes.Unauthorized, "Authentication required", detail)
{
    public string? Claim { get; } = claim;
}

/// <summary>The client is over its request limit.</summary>
public sealed class TooManyRequestsException(string detail)
    : ApiProblemException(429, ProblemTypes.TooManyRequests, "Too many requests", detail);

/// <summary>The request ran past its time budget and was stopped.</summary>
public sealed class RequestTimedOutException()
    : ApiProblemException(
        503,
        ProblemTypes.RequestTimeout,
        "The request took too long",
        "The request ran past its time budget and was stopped. Retry later, or narrow it (a document, a unit, a smaller page).");

/// <summary>A request with the same <c>Idempotency-Key</c> is still running.</summary>
public sealed class IdempotencyKeyInFlightException(string detail)
    : ApiProblemException(409, ProblemTypes.IdempotencyKeyInFlight, "Request in progress", detail);

/// <summary>An <c>Idempotency-Key</c> already used for a different request.</summary>
public sealed class IdempotencyKeyReusedException(string detail)
    : ApiProblemException(422, ProblemTypes.IdempotencyKeyReused, "Idempotency key reused", detail);

/// <summary>A bare status code the framework answered (no route, a method the route does not take…), given a body.</summary>
public sealed class StatusCodeException(int status, string title, string detail)
    : ApiProblemException(status, ProblemTypes.ForStatus(status), title, detail);
