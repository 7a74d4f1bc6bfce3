using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace PolicyApi.Api.Http;

/// <summary>
/// Strong ETags (RFC 9110 §8.8.3) as the fingerprint of a resource's JSON representation: whatever
/// changes the bytes a client receives changes the tag, including names drawn from other resources.
/// Writes compare <c>If-Match</c> with the tag of the representation as it is now.
/// </summary>
public sealed class Representations(IOptions<JsonOptions> json)
{
    private readonly JsonSerializerOptions _options = json.Value.SerializerOptions;

    public string ETagOf<T>(T representation)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(representation, _options);
        var hash = SHA256.HashData(bytes);
        return $"\"{Base64UrlEncode(hash.AsSpan(0, 16))}\"";
    }

    /// <summary>200 with the representation and its ETag, or 304 when the client's <c>If-None-Match</c> already names it.</summary>
    public IResult Ok<T>(HttpContext http, T representation)
    {
        ArgumentNullException.ThrowIfNull(http);
        var etag = ETagOf(representation);
        http.Response.Headers.ETag = etag;
        if (HttpMethods.IsGet(http.Request.Method) && NoneMatch(http.Request.Headers.IfNoneMatch, etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Ok(representation);
    }

    public IResult Created<T>(HttpContext http, string location, T representation)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.ETag = ETagOf(representation);
        return TypedResults.Created(location, representation);
    }

    /// <summary>Throws 412 unless <paramref name="ifMatch"/> names the current representation (or is <c>*</c>).</summary>
    public void EnsureMatch<T>(string? ifMatch, T current)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            throw new PreconditionRequiredException();
        }

        if (ifMatch.Trim() == "*")
        {
            return;
        }

        var etag = ETagOf(current);
        if (!EntityTagHeaderValue.TryParseList([ifMatch], out var tags)
            || !tags.Any(t => !t.IsWeak && t.Tag.Equals(etag, StringComparison.Ordinal)))
        {
            throw new PreconditionFailedException(etag);
        }
    }

    private static bool NoneMatch(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
    {
        if (ifNoneMatch.Count == 0)
        {
            return false;
        }

        if (!EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags))
        {
            return false;
        }

        // If-None-Match uses the weak comparison (RFC 9110 §13.1.2).
        return tags.Any(t => t.Tag.Equals("*", StringComparison.Ordinal) || t.Tag.Equals(etag, StringComparison.Ordinal));
    }

    private static string Base64UrlEncode(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
