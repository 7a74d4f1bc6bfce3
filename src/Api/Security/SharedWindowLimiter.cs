using System.Threading.RateLimiting;
using PolicyApi.Infrastructure.RateLimiting;

namespace PolicyApi.Api.Security;

/// <summary>
/// One client's fixed one-minute window, counted for the whole deployment (<see cref="SharedRateLimitWindows"/>): this
/// replica claims a block of permits (a twentieth of the limit) when it has none left and spends them locally; once
/// the shared window is spent it refuses until the next minute without asking again. Windows start on the minute, so
/// every replica agrees on them. A replica may end a minute holding a few unspent permits: a client spread over N
/// replicas may get up to N blocks fewer than the limit, never more.
/// </summary>
internal sealed class SharedWindowLimiter(string policy, int limit, SharedRateLimitWindows windows, TimeProvider time) : RateLimiter
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly int block = Math.Clamp(limit / 20, 1, limit);
    private readonly SemaphoreSlim claiming = new(1, 1);
    private readonly Lock gate = new();
    private DateTimeOffset windowStart;
    private int available;
    private bool exhausted;
    private long lastUsed = time.GetTimestamp();

    public override TimeSpan? IdleDuration => time.GetElapsedTime(Interlocked.Read(ref lastUsed));

    public override RateLimiterStatistics? GetStatistics() => new() { CurrentAvailablePermits = available };

    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        TryTake(permitCount) ?? Refused(exhausted);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (TryTake(permitCount) is { } lease)
        {
            return lease;
        }

        await claiming.WaitAsync(cancellationToken);
        try
        {
            // Another request of this client may have claimed while this one waited.
            if (TryTake(permitCount) is { } claimedMeanwhile)
            {
                return claimedMeanwhile;
            }

            DateTimeOffset start;
            lock (gate)
            {
                if (exhausted)
                {
                    return Refused(true);
                }

                start = windowStart;
            }

            var granted = await windows.ClaimAsync(policy, start, block, limit, cancellationToken);
            lock (gate)
            {
                if (windowStart == start)
                {
                    available += granted;
                    exhausted = granted < block;
                }
            }

            return TryTake(permitCount) ?? Refused(true);
        }
        finally
        {
            claiming.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            claiming.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Spends local permits (of the current window; a new window starts with none); null when there are too few.</summary>
    private Lease? TryTake(int permitCount)
    {
        Interlocked.Exchange(ref lastUsed, time.GetTimestamp());
        var now = time.GetUtcNow();
        var start = new DateTimeOffset(now.Ticks - (now.Ticks % Window.Ticks), TimeSpan.Zero);
        lock (gate)
        {
            if (start != windowStart)
            {
                windowStart = start;
                available = 0;
                exhausted = false;
            }

            if (available < permitCount)
            {
                return null;
            }

            available -= permitCount;
            return Lease.Granted;
        }
    }

    private Lease Refused(bool spent) =>
        new(false, spent ? windowStart + Window - time.GetUtcNow() : null);

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
