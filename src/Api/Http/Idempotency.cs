using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text;
using PolicyApi.Infrastructure.Idempotency;
using Microsoft.EntityFrameworkCore.Storage;

namespace PolicyApi.Api.Http;

/// <summary>Endpoint metadata: this POST or PUT accepts an <c>Idempotency-Key</c> header.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class IdempotentAttribute : Attribute;

/// <summary>
/// Safe retries of writes (IETF httpapi Idempotency-Key draft): the same key with the same request replays the
/// stored response; with a different request → 422; while the first is still running → 409 with Retry-After.
/// Keys are scoped to the caller's whole identity (<see cref="ICurrentCaller.IdentityKey"/>) and kept 24 hours.
/// <para>
/// The whole request runs in one database transaction that holds the key: the command's change and the stored
/// response commit together, or neither does. A retry after any crash therefore replays exactly the committed
/// answer, or runs again when nothing was committed — never twice, never "in flight" for a request that died.
/// This middleware runs after authorization, so a replay is authorized for the current caller like any request.
/// </para>
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>How long a client should wait before retrying a request whose first attempt is still running.</summary>
    public const int InFlightRetryAfterSeconds = 1;

    public async Task InvokeAsync(HttpContext http, PolicyDbContext db, IdempotencyStore store, ICurrentCaller currentCaller)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(store);
        if (!(HttpMethods.IsPost(http.Request.Method) || HttpMethods.IsPut(http.Request.Method))
            || http.GetEndpoint()?.Metadata.GetMetadata<IdempotentAttribute>() is null
            || !http.Request.Headers.TryGetValue(Header, out var values))
        {
            await next(http);
            return;
        }

        if (values.Count > 1)
        {
            // Two keys would be read as one ("a,b"), which neither retry would match.
            throw new InvalidInputException(Header, $"Send one {Header} header: the request has {values.Count}.");
        }

        var key = values.ToString();
        if (key.Length is 0 or > IdempotencyStore.MaxKeyLength || key.Any(c => c < 0x21 || c > 0x7e))
        {
            throw new InvalidInputException(Header, $"The {Header} header must be 1 to {IdempotencyStore.MaxKeyLength} visible ASCII characters.");
        }

        var caller = currentCaller.IdentityKey;
        var hash = await FingerprintAsync(http.Request);

        // Runs once inside the execution strategy (so nested commands join this transaction) but never retries:
        // a transient failure is answered, and the client's retry with the same key is the safe way to try again.
        ExceptionDispatchInfo? failure = null;
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            try
            {
                await RunHoldingKeyAsync(http, db, store, caller, key, hash);
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        });
        failure?.Throw();
    }

    private async Task RunHoldingKeyAsync(HttpContext http, PolicyDbContext db, IdempotencyStore store, string caller, string key, string hash)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(http.RequestAborted);
        if (!await store.TryHoldAsync(caller, key, http.RequestAborted))
        {
            http.Response.Headers.RetryAfter = InFlightRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await ProblemWriter.WriteAsync(http, new IdempotencyKeyInFlightException(
                $"A request with this {Header} is still being processed. Retry after it completes."));
            return;
        }

        if (await store.FindAsync(caller, key, http.RequestAborted) is { } stored)
        {
            if (stored.RequestHash != hash)
            {
                await ProblemWriter.WriteAsync(http, new IdempotencyKeyReusedException(
                    $"The {Header} was already used for a different request. Use a new key for a new request."));
                return;
            }

            await ReplayAsync(http, stored);
            return;
        }

        var original = http.Response.Body;
        await using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
        }

        // A server failure commits nothing and stores nothing: the key stays free to retry.
        if (http.Response.StatusCode >= 500)
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
        else
        {
            if (transaction.GetDbTransaction().Connection is null)
            {
                // The connection died under the request (the transaction went with it): nothing was committed.
                throw new DatabaseUnavailableException("The database connection was lost before the change could commit.");
            }

            await store.StoreAsync(caller, key, hash, new StoredResponse(
                http.Response.StatusCode,
                http.Response.ContentType,
                http.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
                http.Response.Headers.ETag.ToString() is { Length: > 0 } etag ? etag : null,
                buffer.ToArray()), CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
    }

    private static async Task ReplayAsync(HttpContext http, IdempotencyRecord record)
    {
        http.Response.StatusCode = record.StatusCode;
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

    /// <summary>Method, path and query, the If-Match precondition (a PUT against another version is another request), and the body.</summary>
    private static async Task<string> FingerprintAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        if (request.Headers.IfMatch.Count > 0)
        {
            sha.AppendData(Encoding.UTF8.GetBytes($"If-Match: {request.Headers.IfMatch}\n"));
        }

        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            sha.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
