using Npgsql;
using PolicyApi.Infrastructure.Persistence;

namespace PolicyApi.Infrastructure.Auditing;

/// <summary>The result of checking the audit log: its hash chain, and that it still reaches the newest checkpoint.</summary>
/// <param name="Intact">True when every row matches its HMAC and link, and the chain reaches the newest checkpoint.</param>
/// <param name="Entries">How many entries the log holds.</param>
/// <param name="FirstBrokenId">The first entry that no longer matches (or the first one missing).</param>
/// <param name="Problem">What is wrong, in words.</param>
/// <param name="Checkpoint">The checkpoint the chain was checked against; null when none has been taken.</param>
public sealed record AuditVerification(bool Intact, long Entries, long? FirstBrokenId, string? Problem, AuditCheckpoint? Checkpoint);

/// <summary>Writes refusals to the audit log and checks its chain.</summary>
public sealed class AuditLog(PolicyDbContext db, TimeProvider clock, AuditSeal seal)
{
    /// <summary>The SQL that sets up the chain and the append-only rule (used by the migration that created the log).</summary>
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
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await AuditChain.AppendAsync(db, seal, [AuditEntry.By(actor, clock.GetUtcNow(), "refused", "refused", status)], cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
    }

    /// <summary>
    /// Recomputes every row's HMAC and link, in id order, and checks that the chain still reaches the checkpoint
    /// (its last id, with its hash, and as many entries up to it). The first row that does not match is reported.
    /// Rows written before the log was sealed with HMAC (<see cref="AuditEntry.LegacyKeyId"/>) are checked with the
    /// database's SHA-256, and are only accepted before the first sealed row.
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(AuditCheckpoint? checkpoint, CancellationToken cancellationToken)
    {
        if (checkpoint is not null && seal.SignatureOf(checkpoint, checkpoint.KeyId) != checkpoint.Signature)
        {
            return new AuditVerification(false, 0, null, "The newest checkpoint's signature does not verify: the checkpoint itself was altered.", checkpoint);
        }

        const string sql = """
            SELECT id, occurred_at, subject, role, unit_id, client_id, ip, trace_id, method, path, entity, entity_id,
                   action, outcome, status, before, after, previous_hash, hash, key_id,
                   CASE WHEN key_id = 'legacy-sha256' THEN policy.audit_digest(a) END
            FROM policy.audit_entries a ORDER BY id
            """;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var state = new ChainWalk(checkpoint);
            while (await reader.ReadAsync(cancellationToken))
            {
                var entry = Read(reader);
                var legacyDigest = reader.IsDBNull(20) ? null : reader.GetString(20);
                if (state.Step(entry, entry.KeyId == AuditEntry.LegacyKeyId ? legacyDigest : seal.HashOf(entry, entry.KeyId)) is { } broken)
                {
                    return broken;
                }
            }

            return state.End();
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    private static AuditEntry Read(NpgsqlDataReader reader)
    {
        var entry = new AuditEntry
        {
            OccurredAt = reader.GetFieldValue<DateTimeOffset>(1),
            Subject = reader.GetString(2),
            Role = reader.IsDBNull(3) ? null : reader.GetString(3),
            UnitId = reader.IsDBNull(4) ? null : reader.GetGuid(4),
            ClientId = reader.IsDBNull(5) ? null : reader.GetString(5),
            Ip = reader.IsDBNull(6) ? null : reader.GetString(6),
            TraceId = reader.IsDBNull(7) ? null : reader.GetString(7),
            Method = reader.GetString(8),
            Path = reader.GetString(9),
            Entity = reader.IsDBNull(10) ? null : reader.GetString(10),
            EntityId = reader.IsDBNull(11) ? null : reader.GetString(11),
            Action = reader.GetString(12),
            Outcome = reader.GetString(13),
            Status = reader.GetInt32(14),
            Before = reader.IsDBNull(15) ? null : reader.GetString(15),
            After = reader.IsDBNull(16) ? null : reader.GetString(16),
        };
        var stored = reader.GetString(18);
        entry.Seal(reader.GetInt64(0), reader.GetString(17), reader.GetString(19), _ => stored);
        return entry;
    }

    /// <summary>The walk along the chain: what each row must satisfy given the rows before it.</summary>
    private sealed class ChainWalk(AuditCheckpoint? checkpoint)
    {
        private long _count;
        private long _lastId;
        private string _lastHash = string.Empty;
        private bool _sealedSeen;
        private long _countAtCheckpoint;
        private bool _checkpointReached = checkpoint is null || checkpoint.LastId == 0;

        public AuditVerification? Step(AuditEntry entry, string? expectedHash)
        {
            _count++;
            var legacy = entry.KeyId == AuditEntry.LegacyKeyId;
            if (expectedHash is null)
            {
                return Broken(entry.Id, $"Entry {entry.Id} was sealed with key '{entry.KeyId}', which is not configured: it cannot be verified.");
            }

            if (expectedHash != entry.Hash)
            {
                return Broken(entry.Id, $"Entry {entry.Id} does not match its hash: it was changed after it was written.");
            }

            if (entry.PreviousHash != _lastHash || (legacy && _sealedSeen) || (!legacy && _sealedSeen && entry.Id != _lastId + 1))
            {
                return Broken(entry.Id, $"Entry {entry.Id} does not follow the entry before it: entries were removed, inserted or reordered.");
            }

            if (checkpoint is not null && entry.Id <= checkpoint.LastId)
            {
                _countAtCheckpoint++;
                if (entry.Id == checkpoint.LastId)
                {
                    if (entry.Hash != checkpoint.LastHash || _countAtCheckpoint != checkpoint.Entries)
                    {
                        return Broken(entry.Id, $"Entry {entry.Id} is not the entry the checkpoint of {checkpoint.TakenAt:u} recorded: the log was rewritten up to it.");
                    }

                    _checkpointReached = true;
                }
            }

            _sealedSeen |= !legacy;
            _lastId = entry.Id;
            _lastHash = entry.Hash;
            return null;
        }

        public AuditVerification End() => _checkpointReached
            ? new AuditVerification(true, _count, null, null, checkpoint)
            : Broken(_lastId + 1, $"The log ends at entry {_lastId} ({_count} entries), but the checkpoint of {checkpoint!.TakenAt:u} recorded {checkpoint.Entries} entries up to entry {checkpoint.LastId}: the newest entries were removed.");

        private AuditVerification Broken(long id, string problem) => new(false, _count, id, problem, checkpoint);
    }
}
