using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace PolicyApi.Api.Security;

/// <summary>
/// Who is calling, read once from the access token: subject, roles, the unit a reporter is bound to, the client
/// and the scopes a system client holds. The one reader of these claims; handlers, audit, idempotency and rate
/// limits all take it from here.
/// </summary>
public sealed record Caller(string Subject, IReadOnlyList<string> Roles, Guid? UnitId, string? ClientId, IReadOnlyList<string> Scopes)
{
    public const int MaxSubjectLength = TextLimits.Subject;

    /// <summary>The caller of an authenticated principal, or null for an anonymous one.</summary>
    public static Caller? Of(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        return new Caller(
            user.FindFirstValue(Claims.Subject) ?? string.Empty,
            [.. user.FindAll(Claims.Role).Select(c => c.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            Guid.TryParse(user.FindFirstValue(Claims.Unit), CultureInfo.InvariantCulture, out var unit) ? unit : null,
            user.FindFirstValue(Claims.Client),
            [.. user.FindAll(Claims.Scope).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
    }

    public bool Holds(string role) => Roles.Contains(role, StringComparer.Ordinal);

    /// <summary>The unit a reporter acts for; null for every other role. Token validation guarantees a reporter has one.</summary>
    public Guid? ReporterUnit => Holds(Security.Roles.Reporter)
        ? UnitId ?? throw new InvalidOperationException("A reporter without a unit passed token validation.")
        : null;

    /// <summary>
    /// The caller's whole identity as one opaque value (subject, roles, unit, client, scopes): what idempotency keys
    /// are scoped to, so that no two callers who differ in any of these ever share a stored response.
    /// </summary>
    public string IdentityKey
    {
        get
        {
            var canonical = string.Join('\u001f', "v1", Subject, string.Join(' ', Roles), UnitId?.ToString() ?? "-", ClientId ?? "-", string.Join(' ', Scopes));
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        }
    }

    /// <summary>
    /// What the token lacks for the roles it claims, checked when it is accepted: a subject, at least one known
    /// role, a reporter's unit id, a system client's known scope. Null when nothing is missing. Whether the
    /// reporter's unit is registered is checked against the database by the caller of this method.
    /// </summary>
    public static MissingClaim? FindMissingClaim(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var subject = user.FindAll(Claims.Subject).ToList();
        if (subject.Count != 1 || string.IsNullOrWhiteSpace(subject[0].Value) || subject[0].Value.Length > MaxSubjectLength
            || subject[0].Value.Any(char.IsControl))
        {
            return new MissingClaim(Claims.Subject, $"the token must carry one '{Claims.Subject}' claim of 1 to {MaxSubjectLength} printable characters");
        }

        var roles = user.FindAll(Claims.Role).Select(c => c.Value).ToList();
        if (!roles.Any(r => Security.Roles.All.Contains(r, StringComparer.Ordinal)))
        {
            return new MissingClaim(Claims.Role, $"the token must carry a '{Claims.Role}' claim naming one of: {string.Join(", ", Security.Roles.All)}");
        }

        if (roles.Contains(Security.Roles.Reporter, StringComparer.Ordinal))
        {
            var units = user.FindAll(Claims.Unit).ToList();
            if (units.Count != 1 || !Guid.TryParseExact(units[0].Value, "D", out var unit) || unit == Guid.Empty)
            {
                return new MissingClaim(Claims.Unit, $"a reporter's token must carry one '{Claims.Unit}' claim: the id (a UUID) of the unit it reports for");
            }
        }

        if (roles.Contains(Security.Roles.System, StringComparer.Ordinal))
        {
            var scopes = user.FindAll(Claims.Scope).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            if (!scopes.Any(s => Security.Scopes.All.Contains(s, StringComparer.Ordinal)))
            {
                return new MissingClaim(Claims.Scope, $"a system client's token must carry a '{Claims.Scope}' claim with at least one of: {string.Join(", ", Security.Scopes.All)}");
            }
        }

        return null;
    }
}

/// <summary>A claim a token lacks (or carries in a form that cannot be used), and why it is needed.</summary>
public sealed record MissingClaim(string Claim, string Reason);
