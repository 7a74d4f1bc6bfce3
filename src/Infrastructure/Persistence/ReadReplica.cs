namespace PolicyApi.Infrastructure.Persistence;

/// <summary>
/// The optional read-only connection (<c>ConnectionStrings:PolicyReadOnly</c>: a streaming standby, CloudNativePG's
/// <c>-ro</c> service). Reads that may be a little stale are answered there; writes, and reads that must see the
/// caller's own write, stay on the primary. Not configured: everything reads the primary.
/// </summary>
public sealed class ReadReplica(string? connectionString)
{
    public const string ConnectionStringName = "PolicyReadOnly";

    public string? ConnectionString { get; } = connectionString;

    public bool Configured => !string.IsNullOrEmpty(ConnectionString);

    /// <summary>
    /// How far behind the primary what this connection reads may be, in seconds: 0 when the standby has replayed all
    /// it received, else the time since the last transaction it replayed; null on a primary. (WAL the standby has
    /// not received yet is invisible from it: this is a lower bound when the network lags.)
    /// </summary>
    public static async Task<double?> LagAsync(DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Database.SqlQueryRaw<double?>(
            """
            SELECT CASE WHEN NOT pg_is_in_recovery() THEN NULL
                        WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                        ELSE greatest(0, extract(epoch FROM now() - pg_last_xact_replay_timestamp()))::float8 END AS "Value"
            """).SingleAsync(cancellationToken);
    }
}
