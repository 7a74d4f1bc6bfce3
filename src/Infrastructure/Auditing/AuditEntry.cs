using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PolicyApi.Infrastructure.Auditing;

/// <summary>
/// One line of the audit log: who (subject, role, unit, client), what (entity, id, action, before and after),
/// when (UTC), from where (IP, trace id, method and path) and with what outcome. Rows are append-only — a
/// trigger refuses UPDATE and DELETE for every role — and each carries the SHA-256 of its content chained to
/// the previous row's hash, both set by the database on insert, so an edit behind the application's back
/// breaks the chain.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; init; }

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

    public string PreviousHash { get; init; } = string.Empty;

    public string Hash { get; init; } = string.Empty;

    /// <summary>An entry by this actor at this instant (truncated to the microsecond PostgreSQL keeps).</summary>
    public static AuditEntry By(AuditActor actor, DateTimeOffset at, string action, string outcome, int status = 0, string? entity = null, string? entityId = null, string? before = null, string? after = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return new AuditEntry
        {
            OccurredAt = at.AddTicks(-(at.Ticks % 10)),
            Subject = actor.Subject,
            Role = actor.Role,
            UnitId = actor.UnitId,
            ClientId = actor.ClientId,
            Ip = actor.Ip,
            TraceId = actor.TraceId,
            Method = actor.Method,
            Path = actor.Path,
            Entity = entity,
            EntityId = entityId,
            Action = action,
            Outcome = outcome,
            Status = status,
            Before = before,
            After = after,
        };
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasKey(e => e.Id);
        // The insert trigger takes the next number under the chain's lock; the default only tells EF the database assigns it.
        builder.Property(e => e.Id).ValueGeneratedOnAdd().HasDefaultValueSql("nextval('policy.audit_entries_seq')");
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
        builder.Property(e => e.Before).HasColumnType("jsonb");
        builder.Property(e => e.After).HasColumnType("jsonb");
        builder.Property(e => e.PreviousHash).HasMaxLength(64).ValueGeneratedOnAdd().HasDefaultValue(string.Empty);
        builder.Property(e => e.Hash).HasMaxLength(64).ValueGeneratedOnAdd().HasDefaultValue(string.Empty);
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
