using Microsoft.EntityFrameworkCore;
using PolicyApi.Infrastructure.Persistence;

namespace PolicyApi.Infrastructure.Idempotency;

public enum IdempotencyOutcome
{
    /// <summary>The key is new (or its earlier claim lapsed): this request goes ahead and owns the key.</summary>
    Proceed,

    /// <summary>The same request completed before: replay its response.</summary>
    Replay,

    /// <summary>The key was used for a different request.</summary>
    Mismatch,

    /// <summary>The first request with this key is still running.</summary>
    InFlight,
}

public sealed record IdempotencyClaim(IdempotencyOutcome Outcome, IdempotencyRecord? Record);

/// <summary>
/// Stores idempotency keys in PostgreSQL. Claiming a key is one INSERT … ON CONFLICT DO NOTHING, so
/// two concurrent requests with the same key cannot both proceed.
/// </summary>
public sealed class IdempotencyStore(PolicyDbContext db, TimeProvider clock)
{
    public const int MaxKeyLength = 200;

    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    private static readonly TimeSpan InFlightLease = TimeSpan.FromMinutes(2);

    public async Task<IdempotencyClaim> ClaimAsync(string caller, string key, string requestHash, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var now = clock.GetUtcNow();
            var inserted = await db.Database.ExecuteSqlInterpolatedAsync(
                $"""
                INSERT INTO policy.idempotency_keys (caller, key, request_hash, created_at, expires_at, locked_until, completed)
                VALUES ({caller}, {key}, {requestHash}, {now}, {now + Retention}, {now + InFlightLease}, false)
                ON CONFLICT (caller, key) DO NOTHING
                """,
                cancellationToken);
            if (inserted == 1)
            {
                return new IdempotencyClaim(IdempotencyOutcome.Proceed, null);
            }

            var existing = await db.IdempotencyRecords.AsNoTracking()
                .SingleOrDefaultAsync(r => r.Caller == caller && r.Key == key, cancellationToken);
            if (existing is null)
            {
                continue; // deleted between our insert and read: try the insert again
            }

            var lapsed = existing.ExpiresAt <= now || (!existing.Completed && existing.LockedUntil <= now);
            if (lapsed)
            {
                await db.IdempotencyRecords
                    .Where(r => r.Caller == caller && r.Key == key && r.CreatedAt == existing.CreatedAt)
                    .ExecuteDeleteAsync(cancellationToken);
                continue;
            }

            if (existing.RequestHash != requestHash)
            {
                return new IdempotencyClaim(IdempotencyOutcome.Mismatch, existing);
            }

            return new IdempotencyClaim(existing.Completed ? IdempotencyOutcome.Replay : IdempotencyOutcome.InFlight, existing);
        }

        return new IdempotencyClaim(IdempotencyOutcome.InFlight, null);
    }

    public Task CompleteAsync(
        string caller,
        string key,
        int statusCode,
        string? contentType,
        string? location,
        string? etag,
        byte[] body,
        CancellationToken cancellationToken) =>
        db.IdempotencyRecords
            .Where(r => r.Caller == caller && r.Key == key)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Completed, true)
                    .SetProperty(r => r.StatusCode, statusCode)
                    .SetProperty(r => r.ContentType, contentType)
                    .SetProperty(r => r.Location, location)
                    .SetProperty(r => r.ETag, etag)
                    .SetProperty(r => r.Body, body),
                cancellationToken);

    /// <summary>Gives the key up (the request failed on our side), so that a retry can proceed.</summary>
    public Task ReleaseAsync(string caller, string key, CancellationToken cancellationToken) =>
        db.IdempotencyRecords
            .Where(r => r.Caller == caller && r.Key == key && !r.Completed)
            .ExecuteDeleteAsync(cancellationToken);

    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return db.IdempotencyRecords.Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }
}
