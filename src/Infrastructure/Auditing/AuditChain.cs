using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage;

namespace PolicyApi.Infrastructure.Auditing;

/// <summary>
/// Appends audit entries to the chain: takes the chain's lock for the rest of the transaction (one writer appends
/// at a time, so ids follow the chain), reads the head, gives each entry the next id, the previous hash and its
/// HMAC, and adds it to the context to be inserted by the SaveChanges under way. Audited changes therefore always
/// run inside a transaction.
/// </summary>
public static class AuditChain
{
    /// <summary>The advisory lock that serialises appends to the chain (the same number the database trigger once used).</summary>
    public const long LockId = 7263541;

    public static async Task AppendAsync(DbContext context, AuditSeal seal, IReadOnlyList<AuditEntry> pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(seal);
        ArgumentNullException.ThrowIfNull(pending);
        if (pending.Count == 0)
        {
            return;
        }

        await using var command = HeadCommand(context);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken); // past the lock's result, to the head
        var (id, hash) = await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetString(1)) : (0L, string.Empty);
        Seal(context, pending, seal, id, hash);
    }

    public static void Append(DbContext context, AuditSeal seal, IReadOnlyList<AuditEntry> pending)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(seal);
        ArgumentNullException.ThrowIfNull(pending);
        if (pending.Count == 0)
        {
            return;
        }

        using var command = HeadCommand(context);
        using var reader = command.ExecuteReader();
        reader.NextResult();
        var (id, hash) = reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : (0L, string.Empty);
        Seal(context, pending, seal, id, hash);
    }

    private static void Seal(DbContext context, IReadOnlyList<AuditEntry> pending, AuditSeal seal, long lastId, string lastHash)
    {
        foreach (var entry in pending)
        {
            entry.Seal(++lastId, lastHash, seal.CurrentKeyId, seal.HashOf);
            lastHash = entry.Hash;
            context.Add(entry);
        }
    }

    private static DbCommand HeadCommand(DbContext context)
    {
        var transaction = context.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Audited changes must be saved inside a transaction: the audit chain's lock lasts until it commits.");
        var connection = context.Database.GetDbConnection();
        var command = connection.CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = $"SELECT pg_advisory_xact_lock({LockId}); SELECT id, hash FROM policy.audit_entries ORDER BY id DESC LIMIT 1";
        return command;
    }
}
