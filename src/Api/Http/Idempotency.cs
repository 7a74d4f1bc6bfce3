using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using PolicyApi.Infrastructure.Idempotency;

namespace PolicyApi.Api.Http;

/// <summary>Endpoint metadata: this POST accepts an <c>Idempotency-Key</c> header.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class IdempotentAttribute : Attribute;

/// <summary>
/// Safe retries of creating POSTs (IETF httpapi Idempotency-Key draft): the same key with the same
/// request replays the stored response; with a different request → 422; while the first is still
/// running → 409. Keys are scoped to the caller and kept 24 hours in PostgreSQL.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public async Task InvokeAsync(HttpContext http, IdempotencyStore store, IProblemDetailsService problems)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(store);
        if (!HttpMethods.IsPost(http.Request.Method)
            || http.GetEndpoint()?.Metadata.GetMetadata<IdempotentAttribute>() is null
            || !http.Request.Headers.TryGetValue(Header, out var values))
        {
            await next(http);
            return;
        }

        var key = values.ToString();
        if (key.Length is 0 or > IdempotencyStore.MaxKeyLength || key.Any(c => c < 0x21 || c > 0x7e))
        {
            throw new InvalidInputException(Header, $"The {Header} header must be 1 to {IdempotencyStore.MaxKeyLength} visible ASCII characters.");
        }

        var caller = CallerOf(http);
        var hash = await FingerprintAsync(http.Request);
        var claim = await store.ClaimAsync(caller, key, hash, http.RequestAborted);
        switch (claim.Outcome)
        {
            case IdempotencyOutcome.Replay:
                await ReplayAsync(http, claim.Record!);
                return;
            case IdempotencyOutcome.Mismatch:
                await WriteProblemAsync(http, problems, 422, ProblemTypes.IdempotencyKeyReused, "Idempotency key reused",
                    $"The {Header} was already used for a different request. Use a new key for a new request.");
                return;
            case IdempotencyOutcome.InFlight:
                await WriteProblemAsync(http, problems, 409, ProblemTypes.IdempotencyKeyInFlight, "Request in progress",
                    $"A request with this {Header} is still being processed. Retry after it completes.");
                return;
        }

        await RunAndStoreAsync(http, store, caller, key);
    }

    private async Task RunAndStoreAsync(HttpContext http, IdempotencyStore store, string caller, string key)
    {
        var original = http.Response.Body;
        await using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        var completed = false;
        try
        {
            await next(http);
            buffer.Position = 0;
            var status = http.Response.StatusCode;

            // Only outcomes a retry would repeat are stored; a server failure leaves the key free to retry.
            if (status < 500)
            {
                await store.CompleteAsync(
                    caller,
                    key,
                    status,
                    http.Response.ContentType,
                    http.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
                    http.Response.Headers.ETag.ToString() is { Length: > 0 } etag ? etag : null,
                    buffer.ToArray(),
                    CancellationToken.None);
                completed = true;
            }
        }
        finally
        {
            http.Response.Body = original;
            if (!completed)
            {
                await store.ReleaseAsync(caller, key, CancellationToken.None);
            }
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
    }

    private static async Task ReplayAsync(HttpContext http, IdempotencyRecord record)
    {
        http.Response.StatusCode = record.StatusCode ?? StatusCodes.Status200OK;
        http.Response.Headers[ReplayedHeader] = "true";
        if (record.ContentType is not null)
        {
            http.Response.ContentType = record.ContentType;
        }

        if (record.Location is not null)
        {
            http.Response.Headers.Location = record.Location;
        }

        if (record.ETag is not null)
        {
            http.Response.Headers.ETag = record.ETag;
        }

        if (record.Body is { Length: > 0 } body)
        {
            await http.Response.Body.WriteAsync(body, http.RequestAborted);
        }
    }

    private static async Task<string> FingerprintAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            sha.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>Keys are scoped to the authenticated caller; anonymous callers share one scope.</summary>
    private static string CallerOf(HttpContext http) =>
        http.User.Identity is { IsAuthenticated: true, Name: { } name } ? $"user:{name}" : "anonymous";

    private static async Task WriteProblemAsync(HttpContext http, IProblemDetailsService problems, int status, string type, string title, string detail)
    {
        http.Response.StatusCode = status;
        await ProblemWriter.WriteAsync(problems, http, new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail });
    }
}
