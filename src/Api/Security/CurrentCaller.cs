using System.Security.Claims;

namespace PolicyApi.Api.Security;

/// <summary>
/// Who is calling in the current request: the one reader of the access token's claims (through
/// <see cref="Security.Caller"/>). Handlers, audit, idempotency and rate limits take the caller from here.
/// </summary>
public interface ICurrentCaller
{
    /// <summary>The caller as its access token describes it; null when anonymous.</summary>
    Caller? Caller { get; }

    /// <summary>The token's subject; "anonymous" when there is none.</summary>
    string Subject { get; }

    /// <summary>The first known role the caller holds (the role a change is recorded under); null when anonymous.</summary>
    string? Role { get; }

    /// <summary>The unit the token names (<see cref="Claims.Unit"/>), whatever the role.</summary>
    Guid? UnitId { get; }

    /// <summary>The unit a reporter's token binds it to; null for every other role.</summary>
    Guid? ReporterUnit { get; }

    /// <summary>The client the token was issued to (<see cref="Claims.Client"/>), if it names one.</summary>
    string? ClientId { get; }

    /// <summary>The scopes a system client's token grants (<see cref="Claims.Scope"/>); none for an anonymous caller.</summary>
    IReadOnlyList<string> Scopes { get; }

    /// <summary>The caller's whole identity as one opaque value (see <see cref="Caller.IdentityKey"/>); "anonymous" when there is none.</summary>
    string IdentityKey { get; }

    /// <summary>The caller as changes record it: subject, first known role, unit.</summary>
    Actor Actor { get; }

    /// <summary>Whether an object-level rule refused this request (<see cref="MarkRefused"/>).</summary>
    bool Refused { get; }

    /// <summary>Marks the request as refused by an object-level rule, so that the refusal is audited even when it reads.</summary>
    void MarkRefused();
}

/// <summary>The caller of the current HTTP request, read once per authenticated principal.</summary>
public sealed class HttpCurrentCaller(IHttpContextAccessor http) : ICurrentCaller
{
    private const string RefusedItem = "policyapi.refused";
    private const string CallerItem = "policyapi.caller";

    public Caller? Caller
    {
        get
        {
            if (http.HttpContext is not { } context)
            {
                return null;
            }

            // Keyed by the principal: what is read before authentication is not kept for after it.
            if (context.Items[CallerItem] is ReadCaller read && ReferenceEquals(read.User, context.User))
            {
                return read.Caller;
            }

            var caller = Security.Caller.Of(context.User);
            context.Items[CallerItem] = new ReadCaller(context.User, caller);
            return caller;
        }
    }

    public string Subject => Caller?.Subject ?? "anonymous";

    public string? Role => Caller is { } caller ? Roles.All.FirstOrDefault(caller.Holds) : null;

    public Guid? UnitId => Caller?.UnitId;

    public Guid? ReporterUnit => Caller?.ReporterUnit;

    public string? ClientId => Caller?.ClientId;

    public IReadOnlyList<string> Scopes => Caller?.Scopes ?? [];

    public string IdentityKey => Caller?.IdentityKey ?? "anonymous";

    public Actor Actor => Caller is { } caller ? new Actor(caller.Subject, Role, caller.UnitId) : new Actor("anonymous", null, null);

    public bool Refused => http.HttpContext?.Items.ContainsKey(RefusedItem) == true;

    public void MarkRefused()
    {
        if (http.HttpContext is { } context)
        {
            context.Items[RefusedItem] = true;
        }
    }

    private sealed record ReadCaller(ClaimsPrincipal User, Caller? Caller);
}
