using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace PolicyApi.Api.Security;

/// <summary>
/// Tokens already validated, so that a client sending the same token request after request (a phone, another
/// system) has its signature, lifetime and claims checked once rather than on every call. An entry lasts until the
/// token expires or for <see cref="Revalidation"/>, whichever comes first. A reporter's unit removed from the registry
/// stops admitting its tokens at once in the process that removed it (<see cref="ForgetUnit"/>), and in the other
/// replicas when PostgreSQL announces the removal (<see cref="UnitRemovalListener"/>; within <see cref="Revalidation"/>
/// while a replica cannot listen). Keyed by the token's SHA-256, never the token itself; bounded.
/// </summary>
public sealed class ValidatedTokens(TimeProvider clock)
{
    public static readonly TimeSpan Revalidation = TimeSpan.FromMinutes(5);

    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (ClaimsPrincipal Principal, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);

    // Units being removed: their reporters' tokens are validated afresh on every request for a while, so that one
    // validated between the removal and its commit is not remembered.
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _removedUnits = new();

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
            foreach (var (lapsed, entry) in _entries)
            {
                if (entry.Until <= now)
                {
                    _entries.TryRemove(lapsed, out _);
                }
            }

            if (_entries.Count >= MaxEntries)
            {
                _entries.Clear();
            }
        }

        var until = expires < now + Revalidation ? expires : now + Revalidation;
        var key = Key(token);
        _entries[key] = (principal, until);

        // Checked after the entry is in: ForgetUnit marks the unit before it looks through the entries, so a removal
        // racing with this call (heard from another replica meanwhile) is seen by one side or the other.
        if (!_removedUnits.IsEmpty && Caller.Of(principal)?.ReporterUnit is { } unit && _removedUnits.TryGetValue(unit, out var removing) && removing > now)
        {
            _entries.TryRemove(key, out _);
        }
    }

    /// <summary>
    /// A unit is being removed from the registry: the tokens of its reporters remembered here are forgotten, and none is
    /// remembered for <see cref="Revalidation"/>, so each request checks the registry again (and is refused once the
    /// removal has committed).
    /// </summary>
    public void ForgetUnit(Guid unit)
    {
        var now = clock.GetUtcNow();
        foreach (var (removed, until) in _removedUnits)
        {
            if (until <= now)
            {
                _removedUnits.TryRemove(removed, out _);
            }
        }

        _removedUnits[unit] = now + Revalidation;
        foreach (var (key, entry) in _entries)
        {
            if (Caller.Of(entry.Principal)?.ReporterUnit == unit)
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    /// <summary>Forgets every token remembered: each is validated afresh on its next request.</summary>
    public void ForgetAll() => _entries.Clear();

    private static string Key(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
