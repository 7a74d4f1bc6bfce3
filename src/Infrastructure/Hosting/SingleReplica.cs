namespace PolicyApi.Infrastructure.Hosting;

/// <summary>
/// Work that one replica at a time may do: a transaction-scoped PostgreSQL advisory lock, taken without waiting —
/// a replica that finds it held skips the run — and released with the transaction.
/// </summary>
public static class SingleReplica
{
    /// <summary>Takes the lock <paramref name="lockId"/> for the current transaction; false when another holds it.</summary>
    public static async Task<bool> TryLockAsync(DbContext db, long lockId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({lockId}) AS \"Value\"").SingleAsync(cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction of its own under the lock, then saves and commits what it did;
    /// answers 0 without running when another replica holds the lock.
    /// </summary>
    public static Task<int> RunAsync(DbContext db, long lockId, Func<Task<int>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        return db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!await TryLockAsync(db, lockId, cancellationToken))
            {
                return 0;
            }

            var done = await work();
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return done;
        });
    }
}
