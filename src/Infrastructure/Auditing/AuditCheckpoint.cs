namespace PolicyApi.Infrastructure.Auditing;

/// <summary>
/// The head of the audit chain at one moment — how many entries, the last id and its hash — signed with the audit
/// key and kept outside the database. Removing the newest rows or truncating the log cannot be hidden from a
/// checkpoint: the chain must still reach its last id with its hash.
/// </summary>
public sealed record AuditCheckpoint(long Entries, long LastId, string LastHash, DateTimeOffset TakenAt, string KeyId, string Signature);
