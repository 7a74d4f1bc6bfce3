using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PolicyApi.Api.IntegrationTests.Support;
using PolicyApi.Api.Security;
using PolicyApi.Infrastructure.Auditing;

namespace PolicyApi.Api.IntegrationTests.Security;

/// <summary>
/// A deployment that would weaken the guarantees does not start: the service connecting as a superuser or as the
/// owner of its tables, the documented development keys, or no audit key at all.
/// </summary>
[Collection(ApiTestGroup.Name)]
public sealed class ProductionStartupTests(ApiFixture fixture)
{
    private static readonly string ProductionJwtKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private static readonly string ProductionAuditKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void Production_AsTheApplicationRole_Starts()
    {
        using var host = Production(fixture.ConnectionString);
        _ = host.Server;
    }

    [Fact]
    public void Production_AsASuperuser_RefusesToStart()
    {
        using var host = Production(fixture.SuperuserConnectionString);
        var refused = Assert.ThrowsAny<InvalidOperationException>(() => host.Server);
        Assert.Contains("a superuser", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Production_AsTheOwnerOfTheTables_RefusesToStart()
    {
        using var host = Production(fixture.OwnerConnectionString);
        var refused = Assert.ThrowsAny<InvalidOperationException>(() => host.Server);
        Assert.Contains("the owner of the policy tables", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Production_WithTheDocumentedDevelopmentSigningKey_RefusesToStart()
    {
        using var host = Production(fixture.ConnectionString, jwtKey: Authentication.DocumentedDevelopmentKey);
        var refused = Assert.ThrowsAny<InvalidOperationException>(() => host.Server);
        Assert.Contains("Auth:SigningKey is the documented development key", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Production_WithTheDocumentedAuditKey_RefusesToStart()
    {
        using var host = Production(fixture.ConnectionString, auditKey: AuditOptions.DocumentedDevelopmentKey);
        var refused = Assert.ThrowsAny<InvalidOperationException>(() => host.Server);
        Assert.Contains("Audit:SigningKey is the documented development key", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Production_WithoutAnAuditKey_RefusesToStart()
    {
        using var host = Production(fixture.ConnectionString, auditKey: string.Empty);
        var refused = Assert.ThrowsAny<InvalidOperationException>(() => host.Server);
        Assert.Contains("Configure Audit:SigningKey", refused.Message, StringComparison.Ordinal);
    }

    private static WebApplicationFactory<Program> Production(string connectionString, string? jwtKey = null, string? auditKey = null) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("ConnectionStrings:Policy", connectionString);
            b.UseSetting("Auth:SigningKey", jwtKey ?? ProductionJwtKey);
            b.UseSetting("Audit:SigningKey", auditKey ?? ProductionAuditKey);
            b.UseSetting("Audit:CheckpointInterval", "1.00:00:00");
            b.UseSetting("Database:StartupRetries", "1");
            b.UseSetting("Database:StartupBaseDelay", "00:00:00.010");
            b.UseSetting("DemoData:Directory", string.Empty);
            b.UseSetting("Logging:LogLevel:Default", "Warning");
        });
}

public sealed class DevelopmentTokenTests
{
    [Fact]
    public void ReporterTokens_OfTwoUnits_HaveSubjectsUniqueToTheirUnit_AndEveryOtherRoleOneSubject()
    {
        var options = new AuthOptions { SigningKey = Tokens.SigningKey, Issuer = Tokens.Issuer, Audience = Tokens.Audience };
        // Time-ordered ids of units registered together share their first digits.
        var unitA = Guid.Parse("01a2355f-bdd3-74ea-b384-e697e22d21bc");
        var unitB = Guid.Parse("01a2355f-bf4e-7b93-b5f6-06a20d1af635");
        string Subject(string role, Guid? unit) =>
            new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(Authentication.MintDevelopmentToken(options, role, unit, null, null, DateTimeOffset.UtcNow)).Subject;

        Assert.Equal($"reporter-{unitA}", Subject(Roles.Reporter, unitA));
        Assert.NotEqual(Subject(Roles.Reporter, unitA), Subject(Roles.Reporter, unitB));
        Assert.Equal(Subject(Roles.Supervisor, null), Subject(Roles.Supervisor, null));
    }
}
