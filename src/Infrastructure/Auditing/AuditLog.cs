using Microsoft.EntityFrameworkCore;
using Npgsql;
using PolicyApi.Infrastructure.Persistence;

namespace PolicyApi.Infrastructure.Auditing;

/// <summary>The result of checking the hash chain of the audit log.</summary>
public sealed record AuditVerification(bool Intact, long Entries, long? FirstBrokenId, string? Problem);

/// <summary>Writes refusals to the audit log and checks its hash chain.</summary>
public sealed class AuditLog(PolicyDbContext db, TimeProvider clock)
{
    /// <summary>The SQL that sets up the chain and the append-only rule (used by the migration).</summary>
    public const string ChainSql = """
        CREATE OR REPLACE FUNCTION policy.audit_digest(e policy.audit_entries) RETURNS text
        LANGUAGE sql IMMUTABLE AS $$
            SELECT encode(sha256(convert_to(concat_ws(chr(31),
                e.id::text, to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
                e.subject, coalesce(e.role, ''), coalesce(e.unit_id::text, ''), coalesce(e.client_id, ''),
                coalesce(e.ip, ''), coalesce(e.trace_id, ''), e.method, e.path, coalesce(e.entity, ''),
                coalesce(e.entity_id, ''), e.action, e.outcome, e.status::text,
                coalesce(e.before::text, ''), coalesce(e.after::text, ''), e.previous_hash), 'UTF8')), 'hex')
        $$;

        CREATE OR REPLACE FUNCTION policy.audit_chain() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE prior text;
        BEGIN
            -- One writer at a time appends, so ids follow the order in which the chain is built.
            PERFORM pg_advisory_xact_lock(7263541);
            NEW.id := nextval('policy.audit_entries_seq');
            SELECT hash INTO prior FROM policy.audit_entries ORDER BY id DESC LIMIT 1;
            NEW.previous_hash := coalesce(prior, '');
            NEW.hash := policy.audit_digest(NEW);
            RETURN NEW;
        END $$;

        CREATE OR REPLACE FUNCTION policy.audit_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'audit entries are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END $$;

        CREATE TRIGGER audit_entries_chain BEFORE INSERT ON policy.audit_entries
            FOR EACH ROW EXECUTE FUNCTION policy.audit_chain();
        CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON policy.audit_entries
            FOR EACH ROW EXECUTE FUNCTION policy.audit_append_only();
        REVOKE UPDATE, DELETE, TRUNCATE ON policy.audit_entries FROM PUBLIC;
        """;

    public const string DropChainSql = """
        DROP TRIGGER IF EXISTS audit_entries_append_only ON policy.audit_entries;
        DROP TRIGGER IF EXISTS audit_entries_chain ON policy.audit_entries;
        DROP FUNCTION IF EXISTS policy.audit_append_only();
        DROP FUNCTION IF EXISTS policy.audit_chain();
        DROP FUNCTION IF EXISTS policy.audit_digest(policy.audit_entries);
        """;

    /// <summary>Records an attempt that was refused (and so changed nothing), in its own transaction.</summary>
    public async Task RecordRefusalAsync(AuditActor actor, int status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        db.AuditEntries.Add(AuditEntry.By(actor, clock.GetUtcNow(), "refused", "refused", status));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Recomputes every row's hash and link; the first row that does not match is reported.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        const string sql = """
            WITH chain AS (
                SELECT a.id, a.hash, a.previous_hash, policy.audit_digest(a) AS recomputed,
                       coalesce(lag(a.hash) OVER (ORDER BY a.id), '') AS prior
                FROM policy.audit_entries a)
            SELECT (SELECT count(*) FROM chain),
                   (SELECT id FROM chain WHERE recomputed <> hash OR previous_hash <> prior ORDER BY id LIMIT 1),
                   (SELECT CASE WHEN recomputed <> hash THEN 'content' ELSE 'link' END FROM chain
                     WHERE recomputed <> hash OR previous_hash <> prior ORDER BY id LIMIT 1)
            """;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(cancellationToken);
        }

        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var count = reader.GetInt64(0);
        long? broken = reader.IsDBNull(1) ? null : reader.GetInt64(1);
        var kind = reader.IsDBNull(2) ? null : reader.GetString(2);
        return new AuditVerification(broken is null, count, broken, broken is null ? null
            : kind == "content" ? $"Entry {broken} does not match its hash: it was changed after it was written."
            : $"Entry {broken} does not follow the entry before it: entries were removed or reordered.");
    }
}
