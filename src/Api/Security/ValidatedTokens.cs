using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace PolicyApi.Api.Security;

/// <summary>
/// Tokens already validated, so that a client sending the same token request after request (a phone, another
/// system) has its signature, lifetime and claims checked once rather than on every call. An entry lasts until the
/// token expires or for <see cref="Revalidation"/>, whichever comes first — so a reporter's unit removed from the
/// registry stops admitting its tokens within that time. Keyed by the token's SHA-256, never the token itself; bounded.
/// </summary>
public sealed class ValidatedTokens(TimeProvider clock)
{
    public static readonly TimeSpan Revalidation = TimeSpan.FromMinutes(5);

    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (ClaimsPrincipal Principal, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);

    public ClaimsPrincipal? Find(string token)
    {
        var key = Key(token);
        if (!_entries.TryGetValue(key, out var entry))
        {
            return null;
        }

        if (entry.Until > clock.GetUtcNow())
        {
            return entry.Principal;
        }

        _entries.TryRemove(key, out _);
        return null;
    }

    public void Remember(string token, ClaimsPrincipal principal, DateTimeOffset expires)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var now = clock.GetUtcNow();
        if (_entries.Count >= MaxEntries)
        {
            // Full: drop what has lapsed; if that frees nothing, start again rather than grow.
            foreach (var (key, entry) in _entries)
            {
                if (entry.Until <= now)
                {
                    _entries.TryRemove(key, out _);
                }
            }

            if (_entries.Count >= MaxEntries)
            {
                _entries.Clear();
            }
        }

        var until = expires < now + Revalidation ? expires : now + Revalidation;
        _entries[Key(token)] = (principal, until);
    }

    private static string Key(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
