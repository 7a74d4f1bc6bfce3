using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PolicyApi.Api.IntegrationTests.Support;
using PolicyApi.Api.Security;

namespace PolicyApi.Api.IntegrationTests.Security;

/// <summary>The audit log: what it records, that it cannot be changed, and that a change behind its back is detected.</summary>
public sealed class AuditTests(ApiFixture fixture) : RegistryTest(fixture)
{
    private async Task Sql(string sql)
    {
        await using var connection = new NpgsqlConnection(Fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Changes_AreRecordedWithWhoWhatBeforeAfterAndWhere()
    {
        var unit = await RegisterUnit(Lianyungang, "市商务局");
        var (_, etag) = await Read($"/api/v1/units/{Id(unit)}");
        await Expect(Put($"/api/v1/units/{Id(unit)}", new { name = "市商务局", kind = "department", aliases = new[] { "商务局" } }, etag), HttpStatusCode.OK);

        var log = await Expect(Get($"/api/v1/audit?entity=ResponsibleUnit&entityId={Id(unit)}"), HttpStatusCode.OK);
        var entries = log["items"]!.AsArray();
        Assert.Equal(["updated", "created"], entries.Select(e => (string)e!["action"]!));
        var created = entries[1]!;
        Assert.Equal("test-administrator", (string?)created["subject"]);
        Assert.Equal("administrator", (string?)created["role"]);
        Assert.Equal("POST", (string?)created["method"]);
        Assert.Equal("/api/v1/units", (string?)created["path"]);
        Assert.Equal("succeeded", (string?)created["outcome"]);
        Assert.Null(created["before"]);
        Assert.Equal("市商务局", (string?)created["after"]!["name"]);
        Assert.False(string.IsNullOrEmpty((string?)created["traceId"]));
        Assert.Equal(64, ((string)created["hash"]!).Length);
        var updated = entries[0]!;
        Assert.NotEqual((int)updated["before"]!["version"]!, (int)updated["after"]!["version"]!);
        Assert.Equal(64, ((string)updated["previousHash"]!).Length);
    }

    [Fact]
    public async Task TextWithLogInjectionCharacters_IsStoredAndAuditedExactly()
    {
        const string title = "连云港市稳外资措施\r\n2026-11-23 INFO admin logged in\u001b[31m";
        var document = await Expect(Post("/api/v1/documents", new { title, region = Lianyungang, kind = "measures", status = "active" }), HttpStatusCode.Created);
        Assert.Equal(title, (string?)document["title"]);
        var entry = await InDatabase(db => db.AuditEntries.SingleAsync(e => e.Entity == "PolicyDocument"));
        Assert.Contains("\\r\\n2026-11-23 INFO admin logged in", entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_CannotBeUpdatedOrDeleted_ByTheDatabaseRole()
    {
        await RegisterUnit(Lianyungang, "市商务局");
        var before = await InDatabase(db => db.AuditEntries.CountAsync());
        var update = await Assert.ThrowsAsync<PostgresException>(() => Sql("UPDATE policy.audit_entries SET subject = 'someone-else'"));
        Assert.Contains("append-only", update.MessageText, StringComparison.Ordinal);
        var delete = await Assert.ThrowsAsync<PostgresException>(() => Sql("DELETE FROM policy.audit_entries"));
        Assert.Contains("append-only", delete.MessageText, StringComparison.Ordinal);
        Assert.Equal(before, await InDatabase(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task Verify_DetectsARowAlteredBehindTheApplicationsBack()
    {
        await RegisterUnit(Lianyungang, "市商务局");
        await RegisterUnit(Lianyungang, "市发展和改革委员会");
        await RegisterUnit(Lianyungang, "市财政局");
        var intact = await Expect(Get("/api/v1/audit/verify"), HttpStatusCode.OK);
        Assert.True((bool)intact["intact"]!);
        Assert.Equal(await InDatabase(db => db.AuditEntries.LongCountAsync()), (long)intact["entries"]!);

        // Someone with the owner's rights switches the guard off and rewrites who made the second change.
        var second = await InDatabase(db => db.AuditEntries.OrderBy(e => e.Id).Skip(1).Select(e => e.Id).FirstAsync());
        await Sql($"""
            ALTER TABLE policy.audit_entries DISABLE TRIGGER audit_entries_append_only;
            UPDATE policy.audit_entries SET subject = 'someone-else' WHERE id = {second};
            ALTER TABLE policy.audit_entries ENABLE TRIGGER audit_entries_append_only;
            """);
        var broken = await Expect(Get("/api/v1/audit/verify"), HttpStatusCode.OK);
        Assert.False((bool)broken["intact"]!);
        Assert.Equal(second, (long)broken["firstBrokenId"]!);
        Assert.Contains("changed after it was written", (string?)broken["problem"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_DetectsARemovedRow()
    {
        await RegisterUnit(Lianyungang, "市商务局");
        await RegisterUnit(Lianyungang, "市发展和改革委员会");
        await RegisterUnit(Lianyungang, "市财政局");
        var ids = await InDatabase(db => db.AuditEntries.OrderBy(e => e.Id).Select(e => e.Id).ToListAsync());
        await Sql($"""
            ALTER TABLE policy.audit_entries DISABLE TRIGGER audit_entries_append_only;
            DELETE FROM policy.audit_entries WHERE id = {ids[1]};
            ALTER TABLE policy.audit_entries ENABLE TRIGGER audit_entries_append_only;
            """);
        var broken = await Expect(Get("/api/v1/audit/verify"), HttpStatusCode.OK);
        Assert.False((bool)broken["intact"]!);
        Assert.Equal(ids[2], (long)broken["firstBrokenId"]!);
    }

    [Fact]
    public async Task Log_FiltersByActorOutcomeAndTime_AndRefusesAnInvalidInstant()
    {
        await RegisterUnit(Lianyungang, "市商务局");
        using (var refused = new HttpRequestMessage(HttpMethod.Post, "/api/v1/units") { Content = JsonBody(new { region = Lianyungang, name = "市财政局", kind = "department" }) })
        {
            refused.Headers.Authorization = Tokens.Bearer(Tokens.For(Roles.Reader, subject: "reader-2"));
            using var answer = await Anonymous.SendAsync(refused);
            Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        }

        var byReader = await Expect(Get("/api/v1/audit?actor=reader-2"), HttpStatusCode.OK);
        Assert.Equal(["refused"], byReader["items"]!.AsArray().Select(e => (string)e!["outcome"]!));
        var succeeded = await Expect(Get("/api/v1/audit?outcome=succeeded"), HttpStatusCode.OK);
        Assert.All(succeeded["items"]!.AsArray(), e => Assert.Equal("test-administrator", (string?)e!["subject"]));
        Assert.NotEmpty(succeeded["items"]!.AsArray());
        var future = await Expect(Get($"/api/v1/audit?from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(1).ToString("O"))}"), HttpStatusCode.OK);
        Assert.Empty(future["items"]!.AsArray());
        await ExpectProblem(Get("/api/v1/audit?from=yesterday"), HttpStatusCode.BadRequest, "urn:policyapi:problem:validation-failed", "from");
    }

    [Fact]
    public async Task AFailedWrite_IsRecordedAsRefused_AndLeavesNoChangeEntries()
    {
        await ExpectProblem(Post("/api/v1/documents", new { region = Lianyungang, kind = "measures" }), HttpStatusCode.BadRequest, "urn:policyapi:problem:validation-failed", "title");
        var entries = await InDatabase(db => db.AuditEntries.ToListAsync());
        var entry = Assert.Single(entries);
        Assert.Equal(("refused", 400, "test-administrator"), (entry.Outcome, entry.Status, entry.Subject));
    }
}

/// <summary>Per-client rate limits, security headers and closed CORS.</summary>
public sealed class AbuseLimitTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task Client_OverItsLimit_Gets429WithRetryAfter_WhileAnotherClientIsServed()
    {
        await using var limited = Fixture.Factory.WithWebHostBuilder(b => b.UseSetting("Limits:PermitsPerMinute", "3"));
        using var client = limited.CreateClient();
        var busy = Tokens.Bearer(Tokens.For(Roles.Reader, subject: "busy-client"));
        for (var i = 0; i < 3; i++)
        {
            using var ok = new HttpRequestMessage(HttpMethod.Get, "/api/v1/documents");
            ok.Headers.Authorization = busy;
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(ok)).StatusCode);
        }

        using var over = new HttpRequestMessage(HttpMethod.Get, "/api/v1/documents");
        over.Headers.Authorization = busy;
        using var refused = await client.SendAsync(over);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds");

        using var other = new HttpRequestMessage(HttpMethod.Get, "/api/v1/documents");
        other.Headers.Authorization = Tokens.Bearer(Tokens.For(Roles.Reader, subject: "quiet-client"));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(other)).StatusCode);
        using var health = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Body_OverTheLimit_Is413_AndTextOverItsLength_Is400()
    {
        var huge = new string('文', 700_000);
        await ExpectProblem(Post("/api/v1/documents", new { title = huge, region = "连云港市", kind = "measures" }), HttpStatusCode.RequestEntityTooLarge, "urn:policyapi:problem:payload-too-large");
        await ExpectProblem(Post("/api/v1/documents", new { title = new string('文', 501), region = "连云港市", kind = "measures" }), HttpStatusCode.BadRequest, "urn:policyapi:problem:validation-failed", "title");
    }

    [Fact]
    public async Task Responses_CarrySecurityHeaders_AndCorsIsClosedUnlessConfigured()
    {
        using var response = await Client.GetAsync("/api/v1/documents");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/documents");
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        using var answer = await Client.SendAsync(preflight);
        Assert.False(answer.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
