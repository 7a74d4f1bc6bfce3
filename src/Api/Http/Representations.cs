using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace PolicyApi.Api.Http;

/// <summary>A representation that carries its strong ETag (RFC 9110 §8.8.3), made by <see cref="EntityTags"/>.</summary>
public interface ITaggedRepresentation
{
    /// <summary>The quoted strong ETag; never serialized with the body.</summary>
    string ETag { get; }
}

/// <summary>
/// The base of the response records served with an ETag: their <c>From</c> sets the tag (<c>{ ETag = EntityTags.Of(…) }</c>),
/// which stays internal and is never serialized.
/// </summary>
public abstract record TaggedRepresentation : ITaggedRepresentation
{
    internal string ETag { get; init; } = string.Empty;

    string ITaggedRepresentation.ETag => ETag;
}

/// <summary>
/// ETags made of versions: the version of the entity a representation shows, and the versions (or counts) of what it
/// embeds — a measure shows its units' names, so their versions count too. Every change of a representation bumps one
/// of them (<see cref="Domain.Common.VersionedEntity"/>), so a read never serializes its body to tag it.
/// </summary>
public static class EntityTags
{
    /// <summary>The tag of entity <paramref name="id"/> at <paramref name="version"/>, with the versions of what it embeds.</summary>
    public static string Of(Guid id, long version, params IEnumerable<long> embedded) => Of([(id, version)], embedded);

    /// <summary>The tag of a representation made of several entities, each at its version.</summary>
    public static string Of(IEnumerable<(Guid Id, long Version)> entities, IEnumerable<long>? embedded = null)
    {
        var text = new StringBuilder("v1");
        foreach (var (id, version) in entities)
        {
            text.Append('|').Append(id.ToString("N")).Append(':').Append(version.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var part in embedded ?? [])
        {
            text.Append('|').Append(part.ToString(CultureInfo.InvariantCulture));
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return $"\"{Convert.ToBase64String(hash.AsSpan(0, 16)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}\"";
    }
}

/// <summary>
/// Conditional requests on single resources: the ETag on 200 and 201, 304 for a matching <c>If-None-Match</c>,
/// and writes that compare <c>If-Match</c> with the tag of the representation as it is now.
/// </summary>
public sealed class Representations(IHttpContextAccessor http)
{
    /// <summary>200 with the representation and its ETag, or 304 when the client's <c>If-None-Match</c> already names it.</summary>
    public IResult Ok<T>(HttpContext http, T representation)
        where T : ITaggedRepresentation
    {
        ArgumentNullException.ThrowIfNull(http);
        var etag = representation.ETag;
        http.Response.Headers.ETag = etag;
        if (HttpMethods.IsGet(http.Request.Method) && NoneMatch(http.Request.Headers.IfNoneMatch, etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Ok(representation);
    }

    public IResult Created<T>(HttpContext http, string location, T representation)
        where T : ITaggedRepresentation
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.ETag = representation.ETag;
        return TypedResults.Created(location, representation);
    }

    /// <summary>
    /// Throws 428 unless the request being served sends <c>If-Match</c>, and 412 unless it names the current
    /// representation (or is <c>*</c>) — as <see cref="Ok"/> reads <c>If-None-Match</c> from the request.
    /// </summary>
    public void EnsureMatch(ITaggedRepresentation current) =>
        EnsureMatch(http.HttpContext?.Request.Headers.IfMatch.ToString(), current);

    /// <summary>Throws 412 unless <paramref name="ifMatch"/> names the current representation (or is <c>*</c>).</summary>
    public void EnsureMatch(string? ifMatch, ITaggedRepresentation current)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            throw new PreconditionRequiredException();
        }

        if (ifMatch.Trim() == "*")
        {
            return;
        }

        var etag = current.ETag;
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
}
