using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using PolicyApi.Api.Security;

namespace PolicyApi.Api.IntegrationTests.Support;

/// <summary>Development tokens for the tests, signed with the key the test host is configured with.</summary>
public static class Tokens
{
    public const string SigningKey = "cG9saWN5YXBpLWRldmVsb3BtZW50LWtleS1ub3QtYS1zZWNyZXQhIQ==";
    public const string Issuer = "policyapi-dev";
    public const string Audience = "policyapi";

    public static readonly AuthOptions Options = new() { SigningKey = SigningKey, Issuer = Issuer, Audience = Audience };

    public static string For(string role, Guid? unitId = null, string? subject = null, IEnumerable<string>? scopes = null, DateTimeOffset? now = null) =>
        Authentication.MintDevelopmentToken(Options, role, unitId, subject, scopes, now ?? DateTimeOffset.UtcNow);

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    /// <summary>A validly signed, unexpired token with exactly these claims (besides issuer, audience and lifetime).</summary>
    public static string WithClaims(Dictionary<string, object> claims)
    {
        var now = DateTime.UtcNow;
        return new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(
                new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(Convert.FromBase64String(SigningKey)), Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256),
        });
    }
}

/// <summary>
/// The identity the registry and supervision tests act under, chosen per request as the product's roles
/// require: reports are filed, edited and submitted by a unit's system client (reports.write), reviewed by a
/// supervisor, and everything else done by an administrator. Requests that carry their own Authorization
/// header are left alone. The access rules themselves are tested with explicit tokens (AccessMatrixTests).
/// </summary>
public sealed partial class ActingIdentityHandler : DelegatingHandler
{
    private static readonly string Administrator = Tokens.For(Roles.Administrator, subject: "test-administrator");
    private static readonly string Supervisor = Tokens.For(Roles.Supervisor, subject: "test-supervisor");
    private static readonly string UnitSystem = Tokens.For(Roles.System, subject: "test-unit-system", scopes: [Scopes.ReportsWrite, Scopes.ReportsRead]);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers.Authorization is null)
        {
            var path = request.RequestUri?.AbsolutePath ?? string.Empty;
            var token = Review().IsMatch(path) ? Supervisor
                : request.Method != HttpMethod.Get && Filing().IsMatch(path) ? UnitSystem
                : Administrator;
            request.Headers.Authorization = Tokens.Bearer(token);
        }

        return base.SendAsync(request, cancellationToken);
    }

    [GeneratedRegex(@"^/api/v1/progress-reports/[^/]+/(accept|return|corrections/accept|corrections/reject)$")]
    private static partial Regex Review();

    [GeneratedRegex(@"^/api/v1/progress-reports(/[^/]+(/submit|/corrections|/attachments(/[^/]+)?)?)?/?$")]
    private static partial Regex Filing();
}
