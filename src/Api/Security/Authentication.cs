using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PolicyApi.Api.Security;

/// <summary>
/// How access tokens are checked. Production points <see cref="Authority"/> at the identity provider (its
/// OpenID configuration and JWKS give the signing keys; RS256/ES256). For local use and tests a development
/// signing key (HS256) is configured instead — documented, never a secret.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The identity provider (OpenID Connect authority) whose JWKS signs the tokens.</summary>
    public string? Authority { get; set; }

    /// <summary>Base64 of at least 32 bytes: a development HMAC key (HS256). Not for production.</summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "policyapi-dev";

    public string Audience { get; set; } = "policyapi";

    /// <summary>Whether Swagger UI and the OpenAPI document are served without a token.</summary>
    public bool PublicApiDocs { get; set; } = true;

    public TimeSpan DevTokenLifetime { get; set; } = TimeSpan.FromHours(8);
}

public static class Authentication
{
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(60);

    /// <summary>The development signing key documented in README.md and scripts/dev-token.sh: refused outside Development.</summary>
    public const string DocumentedDevelopmentKey = "cG9saWN5YXBpLWRldmVsb3BtZW50LWtleS1ub3QtYS1zZWNyZXQhIQ==";

    public static IServiceCollection AddPolicySecurity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section));
        options.Authority = string.IsNullOrWhiteSpace(options.Authority) ? null : options.Authority;
        options.SigningKey = string.IsNullOrWhiteSpace(options.SigningKey) ? null : options.SigningKey;
        if (options.Authority is null && options.SigningKey is null)
        {
            throw new InvalidOperationException("Configure Auth:Authority (the identity provider) or, for local use, Auth:SigningKey.");
        }

        // The documented key signs anyone's token: it must never guard a real deployment (Testing hosts the test suite).
        if (options.SigningKey == DocumentedDevelopmentKey && !environment.IsDevelopment() && !environment.IsEnvironment("Testing"))
        {
            throw new InvalidOperationException(
                $"Auth:SigningKey is the documented development key, which is refused in the {environment.EnvironmentName} environment. Configure Auth:Authority (the identity provider's JWKS).");
        }

        services.AddSingleton(new ValidatedTokens(TimeProvider.System)); // the clock token lifetimes are checked by
        services.AddHostedService<UnitRemovalListener>(); // removals committed by any replica reach this one's cache
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.SaveToken = false; // nothing reads the raw token back from the ticket
            jwt.IncludeErrorDetails = true;
            jwt.Authority = options.Authority;
            jwt.RequireHttpsMetadata = options.Authority?.StartsWith("https://", StringComparison.Ordinal) ?? false;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true,
                ValidIssuer = options.Authority ?? options.Issuer,
                ValidateAudience = true,
                ValidAudience = options.Audience,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                ValidateIssuerSigningKey = true,
                ClockSkew = Skew,
                NameClaimType = Claims.Subject,
                RoleClaimType = Claims.Role,
                ValidAlgorithms = options.SigningKey is not null && options.Authority is null
                    ? [SecurityAlgorithms.HmacSha256]
                    : [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256],
                IssuerSigningKey = options.SigningKey is null ? null : new SymmetricSecurityKey(Convert.FromBase64String(options.SigningKey)),
            };
            jwt.Events = new JwtBearerEvents
            {
                OnMessageReceived = ReuseValidatedToken,
                OnTokenValidated = RequireClaimsAsync,
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    var error = context.AuthenticateFailure is null ? null : "invalid_token";
                    context.Response.Headers.WWWAuthenticate = error is null
                        ? "Bearer realm=\"policyapi\""
                        : $"Bearer realm=\"policyapi\", error=\"{error}\", error_description=\"{Describe(context.AuthenticateFailure)}\"";
                    await ProblemWriter.WriteAsync(context.HttpContext, new UnauthorizedException(
                        error is null ? "Send an access token: Authorization: Bearer <token>." : $"The access token was refused: {Describe(context.AuthenticateFailure)}.",
                        (context.AuthenticateFailure as TokenClaimException)?.Claim));
                },
                OnForbidden = context => ProblemWriter.WriteAsync(context.HttpContext, new ForbiddenException(ProblemTypes.Forbidden,
                    "Your role does not allow this operation.")),
            };
        });
        services.AddAuthorization(Policies.Add);
        return services;
    }

    /// <summary>
    /// Fails closed: a signed token that lacks a claim its roles need (see <see cref="Caller.FindMissingClaim"/>), or a
    /// reporter's token naming a unit that is not registered, is refused here, before any endpoint sees it.
    /// </summary>
    private static async Task RequireClaimsAsync(TokenValidatedContext context)
    {
        var user = context.Principal!;
        if (Caller.FindMissingClaim(user) is { } missing)
        {
            context.Fail(new TokenClaimException(missing.Claim, missing.Reason));
            return;
        }

        if (Caller.Of(user)?.ReporterUnit is { } unit)
        {
            var db = context.HttpContext.RequestServices.GetRequiredService<PolicyApi.Infrastructure.Persistence.PolicyDbContext>();
            if (!await db.Units.AsNoTracking().AnyAsync(u => u.Id == unit, context.HttpContext.RequestAborted))
            {
                context.Fail(new TokenClaimException(Claims.Unit, $"the '{Claims.Unit}' claim names no registered unit"));
                return;
            }
        }

        if (BearerToken(context.HttpContext.Request) is { } token && context.SecurityToken is JsonWebToken { ValidTo: var validTo })
        {
            context.HttpContext.RequestServices.GetRequiredService<ValidatedTokens>().Remember(token, user, new DateTimeOffset(validTo, TimeSpan.Zero));
        }
    }

    /// <summary>A token validated a moment ago is taken as it was then (see <see cref="ValidatedTokens"/>).</summary>
    private static Task ReuseValidatedToken(MessageReceivedContext context)
    {
        if (BearerToken(context.Request) is { } token
            && context.HttpContext.RequestServices.GetRequiredService<ValidatedTokens>().Find(token) is { } principal)
        {
            context.Principal = principal;
            context.Success();
        }

        return Task.CompletedTask;
    }

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;
    }

    private static string Describe(Exception? failure) => failure switch
    {
        TokenClaimException e => e.Message,
        SecurityTokenExpiredException => "the token has expired",
        SecurityTokenInvalidAudienceException => "the token is for another audience",
        SecurityTokenInvalidIssuerException => "the token is from another issuer",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "the signature does not verify",
        SecurityTokenInvalidAlgorithmException => "the signing algorithm is not accepted",
        SecurityTokenNoExpirationException => "the token has no expiry",
        SecurityTokenNotYetValidException => "the token is not valid yet",
        _ => "the token is malformed or unsigned",
    };

    /// <summary>Mints a development token signed with the configured development key.</summary>
    public static string MintDevelopmentToken(AuthOptions options, string role, Guid? unitId, string? subject, IEnumerable<string>? scopes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.SigningKey is null)
        {
            throw new InvalidOperationException("No Auth:SigningKey is configured: development tokens cannot be minted.");
        }

        var claims = new Dictionary<string, object>
        {
            // A reporter's default subject is unique to its unit (the whole id); every other role's is the role itself.
            [Claims.Subject] = subject ?? (unitId is { } u ? $"{role.Replace(',', '+')}-{u}" : role.Replace(',', '+')),
            // Several roles (comma-separated) become a JSON array, as identity providers send them.
            [Claims.Role] = role.Contains(',', StringComparison.Ordinal) ? role.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : role,
        };
        if (unitId is { } unit)
        {
            claims[Claims.Unit] = unit.ToString();
        }

        var scopeList = scopes?.ToList() ?? (role.Split(',').Contains(Roles.System) ? [.. Scopes.All] : []);
        if (scopeList.Count > 0)
        {
            claims[Claims.Scope] = string.Join(' ', scopeList);
            claims[Claims.Client] = subject ?? "dev-system-client";
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + options.DevTokenLifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(options.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
    }

}

/// <summary>A signed token refused because a claim its roles need is missing, malformed, or names nothing known.</summary>
public sealed class TokenClaimException(string claim, string reason) : SecurityTokenValidationException(reason)
{
    public string Claim { get; } = claim;
}
