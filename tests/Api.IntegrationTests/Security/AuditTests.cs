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
    /// <summary>Runs SQL as the role the API connects as.</summary>
    private Task AsApplication(string sql) => Sql(Fixture.ConnectionString, sql);

    /// <summary>Runs SQL as a database superuser: an administrator who wants to rewrite history.</summary>
    private Task AsSuperuser(string sql) => Sql(Fixture.SuperuserConnectionString, sql);

    private static async Task Sql(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
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
    public async Task Rows_CannotBeUpdatedDeletedTruncatedOrUnguarded_ByTheApplicationsDatabaseRole()
    {
        await RegisterUnit(Lianyungang, "市商务局");
        var before = await InDatabase(db => db.AuditEntries.CountAsync());
        foreach (var attempt in new[]
        {
            "UPDATE policy.audit_entries SET subject = 'someone-else'",
            "DELETE FROM policy.audit_entries",
            "TRUNCATE policy.audit_entries",
            "ALTER TABLE policy.audit_entries DISABLE TRIGGER audit_entries_append_only",
            "ALTER TABLE policy.audit_entries DISABLE TRIGGER ALL",
            "DROP TRIGGER audit_entries_append_only ON policy.audit_entries",
            "CREATE TABLE policy.audit_shadow (id bigint)",
            "CREATE OR REPLACE FUNCTION policy.audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$",
        })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => AsApplication(attempt));
            Assert.True(refused.SqlState is PostgresErrorCodes.InsufficientPrivilege, $"{attempt}: {refused.SqlState} {refused.MessageText}");
        }

        Assert.Equal(before, await InDatabase(db => db.AuditEntries.CountAsync()));
        Assert.True((bool)(await Expect(Get("/api/v1/audit/verify"), HttpStatusCode.OK))["intact"]!);
    }

    [Fact]
    public async Task Rows_CannotBeUpdatedOrDeleted_EvenByTheOwner_WhileTheGuardIsOn()
    {
        await RegisterUnit(Lianyungang, "市商务局");
        var update = await Assert.ThrowsAsync<PostgresException>(() => AsSuperuser("UPDATE policy.audit_entries SET subject = 'someone-else'"));
        Assert.Contains("append-only", update.MessageText, StringComparison.Ordinal);
        var delete = await Assert.ThrowsAsync<PostgresException>(() => AsSuperuser("DELETE FROM policy.audit_entries"));
        Assert.Contains("append-only", delete.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_DetectsARowAlteredBySuperuser()
    {
        await ThreeChanges();
        var intact = await Expect(Get("/api/v1/audit/verify"), HttpStatusCode.OK);
        Assert.True((bool)intact["intact"]!);
        Assert.Equal(await InDatabase(db => db.AuditEntries.LongCountAsync()), (long)intact["entries"]!);

        var second = await SecondId();
        await AsSuperuser($"""
            ALTER TABLE policy.audit_entries DISABLE TRIGGER audit_entries_append_only;
            UPDATE policy.audit_entries SET subject = 'someone-else' WHERE id = {second};
            ALTER TABLE policy.audit_entries ENABLE TRIGGER audit_entries_append_only;
            """);

        await ExpectBroken(second, "changed after it was written");
    }

    [Fact]
    public async Task Verify_DetectsARowAlteredBySuperuser_WhoRecomputesEveryLaterHash()
    {
        await ThreeChanges();
        var second = await SecondId();

        // The database cannot compute the HMAC (it does not hold the key): the best a DBA can do is SHA-256 —
        // the database's own digest — re-linking every row from the changed one on, or guessing a key.
        await AsSuperuser($"""
            ALTER TABLE policy.audit_entries DISABLE TRIGGER audit_entries_append_only;
            UPDATE policy.audit_entries SET subject = 'someone-else' WHERE id = {second};
            DO $$ DECLARE r record; prior text; BEGIN
                SELECT hash INTO prior FROM policy.audit_entries WHERE id < {second} ORDER BY id DESC LIMIT 1;
                FOR r IN SELECT id FROM policy.audit_entries WHERE id >= {second} ORDER BY id LOOP
                    UPDATE policy.audit_entries SET previous_hash = coalesce(prior, ''), key_id = 'legacy-sha256' WHERE id = r.id;
                    UPDATE policy.audit_entries a SET hash = policy.audit_digest(a) WHERE id = r.id;
                    SELECT hash INTO prior FROM policy.audit_entries WHERE id = r.id;
                END LOOP;
            END $$;
            ALTER TABLE policy.audit_entries ENABLE TRIGGER audit_entries_append_only;
            """);
        await ExpectBroken(second, "does not follow");

        // Or keeps the key id and fills in hashes made with a key of its own.
        await AsSuperuser($"""
            ALTER TABLE policy.audit_entries DISABLE TRIGGER audit_entries_append_only;
            UPDATE policy.audit_entries SET key_id = 'k1', hash = encode(sha256(convert_to('a key of my own' || id::text, 'UTF8')), 'hex') WHERE id >= {second};
            ALTER TABLE policy.audit_entries ENABLE TRIGGER audit_entries_append_only;
            """);
        await ExpectBroken(second, "changed after it was written");
    }

    [Fact]
    public async Task Verify_DetectsARemovedRow()
    {
        await ThreeChanges();
        var ids = await InDatabase(db => db.AuditEntries.OrderBy(e => e.Id).Select(e => e.Id).ToListAsync());
        await AsSuperuser($"""
            ALTER TABLE policy.audit_entries DISABLE TRIGGER audit_entries_append_only;
            DELETE FROM policy.audit_entries WHERE id = {ids[1]};
            ALTER TABLE policy.audit_entries ENABLE TRIGGER audit_entries_append_only;
            """);
        await ExpectBroken(ids[2], "does not follow");
    }

    [Fact]
    public async Task Verify_DetectsTheNewestRowsRemovedBySuperuser_AgainstTheCheckpointKeptOutsideTheDatabase()
    {
        await ThreeChanges();
        var checkpoint = await Expect(Post("/api/v1/audit/checkpoints", new { }), HttpStatusCode.Created);
        var ids = await InDatabase(db => db.AuditEntries.OrderBy(e => e.Id).Select(e => e.Id).ToListAsync());
        Assert.Equal(ids[^1], (long)checkpoint["lastId"]!);
        Assert.Equal(ids.Count, (long)checkpoint["entries"]!);
        Assert.Contains((string)checkpoint["signature"]!, await File.ReadAllTextAsync(Fixture.CheckpointFile), StringComparison.Ordinal);

        // The newest two entries go: the rest of the chain is still perfectly linked.
        await AsSuperuser($"""
            ALTER TABLE policy.audit_entries DISABLE TRIGGER audit_entries_append_only;
            DELETE FROM policy.audit_entries WHERE id >= {ids[^2]};
            ALTER TABLE policy.audit_entries ENABLE TRIGGER audit_entries_append_only;
            """);

        var broken = await ExpectBroken(ids[^2], "newest entries were removed");
        Assert.Equal(ids[^1], (long)broken["checkpoint"]!["lastId"]!);

        // A tampered log is never signed: no new checkpoint blesses it.
        await ExpectProblem(Post("/api/v1/audit/checkpoints", new { }), HttpStatusCode.Conflict, "urn:policyapi:problem:audit-log-tampered");
    }

    [Fact]
    public async Task Verify_DetectsATruncatedLog()
    {
        await ThreeChanges();
        await Expect(Post("/api/v1/audit/checkpoints", new { }), HttpStatusCode.Created);
        await AsSuperuser("TRUNCATE policy.audit_entries");

        var broken = await ExpectBroken(1, "newest entries were removed");
        Assert.Equal(0, (long)broken["entries"]!);
    }

    [Fact]
    public async Task Verify_DetectsAnAlteredCheckpoint()
    {
        await ThreeChanges();
        await Expect(Post("/api/v1/audit/checkpoints", new { }), HttpStatusCode.Created);
        var line = (await File.ReadAllLinesAsync(Fixture.CheckpointFile))[^1];
        await File.AppendAllTextAsync(Fixture.CheckpointFile, line.Replace("\"entries\":", "\"entries\":1", StringComparison.Ordinal) + "\n");

        var verdict = await Expect(Get("/api/v1/audit/verify"), HttpStatusCode.OK);
        Assert.False((bool)verdict["intact"]!);
        Assert.Contains("signature does not verify", (string?)verdict["problem"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkpoint_OfAnIntactLog_IsSignedAndVerifies_AndLaterChangesExtendIt()
    {
        await ThreeChanges();
        await Expect(Post("/api/v1/audit/checkpoints", new { }), HttpStatusCode.Created);
        await RegisterUnit(Lianyungang, "市工业和信息化局");
        var verdict = await Expect(Get("/api/v1/audit/verify"), HttpStatusCode.OK);
        Assert.True((bool)verdict["intact"]!, verdict.ToJsonString());
        Assert.NotNull(verdict["checkpoint"]);
        await Expect(Post("/api/v1/audit/checkpoints", new { }), HttpStatusCode.Created);
        Assert.Equal(2, (await File.ReadAllLinesAsync(Fixture.CheckpointFile)).Length);
    }

    private async Task ThreeChanges()
    {
        await RegisterUnit(Lianyungang, "市商务局");
        await RegisterUnit(Lianyungang, "市发展和改革委员会");
        await RegisterUnit(Lianyungang, "市财政局");
    }

    private Task<long> SecondId() => InDatabase(db => db.AuditEntries.OrderBy(e => e.Id).Skip(1).Select(e => e.Id).FirstAsync());

    private async Task<System.Text.Json.Nodes.JsonNode> ExpectBroken(long firstBrokenId, string problem)
    {
        var verdict = await Expect(Get("/api/v1/audit/verify"), HttpStatusCode.OK);
        Assert.False((bool)verdict["intact"]!, verdict.ToJsonString());
        Assert.Equal(firstBrokenId, (long)verdict["firstBrokenId"]!);
        Assert.Contains(problem, (string?)verdict["problem"], StringComparison.Ordinal);
        return verdict;
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
        await ExpectProblem(Get("/api/v1/audit?outcome=failed"), HttpStatusCode.BadRequest, "urn:policyapi:problem:validation-failed", "outcome");
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
