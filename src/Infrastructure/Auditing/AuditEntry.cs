using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PolicyApi.Infrastructure.Persistence.Configurations;

namespace PolicyApi.Infrastructure.Auditing;

/// <summary>
/// One line of the audit log: who (subject, role, unit, client), what (entity, id, action, before and after),
/// when (UTC), from where (IP, trace id, method and path) and with what outcome. Rows are append-only — a
/// trigger refuses UPDATE and DELETE for every role, and the application's database role may only INSERT and
/// SELECT — and each is sealed by the application, under the chain's lock, with the next id and an HMAC of its
/// content chained to the previous row's hash. The HMAC key is not in the database, so nobody with only
/// database rights can change, remove or re-hash rows without <see cref="AuditLog.VerifyAsync"/> noticing.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>The key id of rows written before the log was sealed with HMAC (their hash is the database's SHA-256).</summary>
    public const string LegacyKeyId = "legacy-sha256";

    public long Id { get; private set; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required string Subject { get; init; }

    public string? Role { get; init; }

    public Guid? UnitId { get; init; }

    public string? ClientId { get; init; }

    public string? Ip { get; init; }

    public string? TraceId { get; init; }

    public required string Method { get; init; }

    public required string Path { get; init; }

    public string? Entity { get; init; }

    public string? EntityId { get; init; }

    /// <summary>created, updated, deleted — or refused for an attempt that changed nothing.</summary>
    public required string Action { get; init; }

    /// <summary>succeeded or refused.</summary>
    public required string Outcome { get; init; }

    public int Status { get; init; }

    public string? Before { get; init; }

    public string? After { get; init; }

    public string PreviousHash { get; private set; } = string.Empty;

    public string Hash { get; private set; } = string.Empty;

    /// <summary>Which HMAC key sealed the row (keys can be rotated; old ones stay configured for verification).</summary>
    public string KeyId { get; private set; } = string.Empty;

    /// <summary>Places the entry in the chain: called once, under the chain's lock, just before it is inserted.</summary>
    public void Seal(long id, string previousHash, string keyId, Func<AuditEntry, string> hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        if (KeyId.Length > 0)
        {
            throw new InvalidOperationException($"Audit entry {Id} is already sealed.");
        }

        Id = id;
        PreviousHash = previousHash;
        KeyId = keyId;
        Hash = hash(this);
    }

    /// <summary>An entry by this actor at this instant (truncated to the microsecond PostgreSQL keeps).</summary>
    public static AuditEntry By(AuditActor actor, DateTimeOffset at, string action, string outcome, int status = 0, string? entity = null, string? entityId = null, string? before = null, string? after = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return new AuditEntry
        {
            OccurredAt = at.AddTicks(-(at.Ticks % 10)).ToUniversalTime(),
            Subject = Fit(actor.Subject, 200)!,
            Role = Fit(actor.Role, 100),
            UnitId = actor.UnitId,
            ClientId = Fit(actor.ClientId, 200),
            Ip = Fit(actor.Ip, 64),
            TraceId = Fit(actor.TraceId, 64),
            Method = Fit(actor.Method, 10)!,
            Path = Fit(actor.Path, 2000)!,
            Entity = Fit(entity, 100),
            EntityId = Fit(entityId, 200),
            Action = action,
            Outcome = outcome,
            Status = status,
            Before = Fit(before, int.MaxValue),
            After = Fit(after, int.MaxValue),
        };
    }

    /// <summary>
    /// What a column can hold: PostgreSQL text cannot carry NUL (shown as ␀ instead), and values longer than the
    /// column are cut, so that whatever a caller sends, its attempt is still recorded.
    /// </summary>
    private static string? Fit(string? value, int max)
    {
        if (value is null)
        {
            return null;
        }

        var text = value.Contains('\0', StringComparison.Ordinal) ? value.Replace('\0', '\u2400') : value;
        return text.Length <= max ? text : text[..max];
    }
}

internal sealed class AuditEntryConfiguration() : TableConfiguration<AuditEntry>("audit_entries")
{
    protected override void ConfigureTable(EntityTypeBuilder<AuditEntry> builder)
    {
        // The application numbers entries under the chain's lock (AuditChain): gapless, in chain order.
        builder.HasAssignedKey(e => e.Id);
        builder.Property(e => e.Subject).HasMaxLength(200);
        builder.Property(e => e.Role).HasMaxLength(100);
        builder.Property(e => e.ClientId).HasMaxLength(200);
        builder.Property(e => e.Ip).HasMaxLength(64);
        builder.Property(e => e.TraceId).HasMaxLength(64);
        builder.Property(e => e.Method).HasMaxLength(10);
        builder.Property(e => e.Path).HasMaxLength(2000);
        builder.Property(e => e.Entity).HasMaxLength(100);
        builder.Property(e => e.EntityId).HasMaxLength(200);
        builder.Property(e => e.Action).HasMaxLength(20);
        builder.Property(e => e.Outcome).HasMaxLength(20);
        // Text, not jsonb: the HMAC covers the exact characters written, which jsonb would normalise.
        builder.Property(e => e.Before).HasColumnType("text");
        builder.Property(e => e.After).HasColumnType("text");
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
        builder.Property(e => e.KeyId).HasMaxLength(40);
        builder.HasIndex(e => new { e.Entity, e.EntityId });
        builder.HasIndex(e => e.Subject);
        builder.HasIndex(e => e.UnitId);
        builder.HasIndex(e => e.OccurredAt);
    }
}

/// <summary>Who is acting and from where, as the audit log records it.</summary>
public sealed record AuditActor(string Subject, string? Role, Guid? UnitId, string? ClientId, string? Ip, string? TraceId, string Method, string Path);

/// <summary>Supplies the current actor (the HTTP request's caller, or the process itself at startup).</summary>
public interface IAuditContext
{
    AuditActor Current { get; }
}

/// <summary>The actor outside any request: the process itself (migrations, background work).</summary>
public sealed class ProcessAuditContext : IAuditContext
{
    public AuditActor Current { get; } = new("system:process", null, null, null, null, null, "-", "-");
}
