using System.Security.Claims;
using PolicyApi.Api.IntegrationTests.Support;
using PolicyApi.Api.Security;

namespace PolicyApi.Api.IntegrationTests.Security;

/// <summary>A validated token is reused only for a short while and never past its expiry.</summary>
public sealed class ValidatedTokensTests
{
    private static readonly ClaimsPrincipal Reporter = new(new ClaimsIdentity([new Claim(Claims.Subject, "reporter-a")], "Bearer"));

    [Fact]
    public void ValidatedToken_IsReused_ForAtMostFiveMinutes()
    {
        var clock = new TestClock { Now = new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero) };
        var tokens = new ValidatedTokens(clock);
        tokens.Remember("token-a", Reporter, clock.Now.Value.AddHours(8));

        Assert.Same(Reporter, tokens.Find("token-a"));
        Assert.Null(tokens.Find("token-b"));

        clock.Now = clock.Now.Value + ValidatedTokens.Revalidation;
        Assert.Null(tokens.Find("token-a"));
    }

    [Fact]
    public void ValidatedToken_IsNeverReused_PastItsExpiry()
    {
        var clock = new TestClock { Now = new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero) };
        var tokens = new ValidatedTokens(clock);
        tokens.Remember("token-a", Reporter, clock.Now.Value.AddSeconds(30));

        clock.Now = clock.Now.Value.AddSeconds(29);
        Assert.Same(Reporter, tokens.Find("token-a"));
        clock.Now = clock.Now.Value.AddSeconds(1);
        Assert.Null(tokens.Find("token-a"));
    }
}
