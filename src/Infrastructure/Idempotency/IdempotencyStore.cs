using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using PolicyApi.Infrastructure.Persistence;

namespace PolicyApi.Infrastructure.Idempotency;

/// <summary>
/// Stores idempotency keys in PostgreSQL. Every step runs inside the transaction of the request it guards:
/// the key is held by a transaction-scoped advisory lock while the request runs (a second request with the same
/// key sees it taken: in flight), and the stored response is inserted in the same transaction as the change. So a
/// change that committed always has its response stored, and one that did not leaves no trace: a crash of the
/// API or of PostgreSQL at any moment releases the lock, and the retry either replays or runs afresh.
/// </summary>
public sealed class IdempotencyStore(PolicyDbContext db, TimeProvider clock)
{
    public const int MaxKeyLength = 200;

    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>The advisory lock that marks a key in flight: 64 bits of SHA-256 over caller and key.</summary>
    public static long LockId(string caller, string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"idempotency\u001f{caller}\u001f{key}"));
        return BinaryPrimitives.ReadInt64BigEndian(hash);
    }

    /// <summary>Takes the key for this transaction; false when another request holding it is still running.</summary>
    public async Task<bool> TryHoldAsync(string caller, string key, CancellationToken cancellationToken)
    {
        EnsureTransaction();
        return await Hosting.SingleReplica.TryLockAsync(db, LockId(caller, key), cancellationToken);
    }

    /// <summary>The completed request stored under this key, if any and not expired (an expired one is removed).</summary>
    public async Task<IdempotencyRecord?> FindAsync(string caller, string key, CancellationToken cancellationToken)
    {
        EnsureTransaction();
        var record = await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Caller == caller && r.Key == key, cancellationToken);
        if (record is not null && record.ExpiresAt <= clock.GetUtcNow())
        {
            await db.IdempotencyRecords.Where(r => r.Caller == caller && r.Key == key).ExecuteDeleteAsync(cancellationToken);
            return null;
        }

        return record;
    }

    /// <summary>Stores the response, in the transaction of the change it answers.</summary>
    public async Task StoreAsync(string caller, string key, string requestHash, StoredResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        EnsureTransaction();
        var now = clock.GetUtcNow();
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO policy.idempotency_keys (caller, key, request_hash, created_at, expires_at, status_code, content_type, location, etag, body)
            VALUES ({caller}, {key}, {requestHash}, {now}, {now + Retention}, {response.StatusCode}, {response.ContentType}, {response.Location}, {response.ETag}, {response.Body})
            """,
            cancellationToken);
    }

    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return db.IdempotencyRecords.Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }

    private void EnsureTransaction()
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Idempotency keys are only read and written inside the transaction of the request they guard.");
        }
    }
}

/// <summary>A response as it is stored for replay.</summary>
public sealed record StoredResponse(int StatusCode, string? ContentType, string? Location, string? ETag, byte[] Body);
