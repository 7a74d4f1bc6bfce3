using PolicyApi.Infrastructure.Persistence;

namespace PolicyApi.Infrastructure.ChangeFeed;

/// <summary>Configuration section <c>ChangeFeed</c>.</summary>
public sealed class ChangeFeedOptions
{
    public const string Section = "ChangeFeed";

    /// <summary>How long changes are kept for followers; a follower further behind gets 410 and resyncs.</summary>
    public int RetentionDays { get; set; } = 30;
}

/// <summary>Trims the change feed to its retention window and records how far, so that a follower behind it is told to resync.</summary>
public sealed class ChangeFeedRetention(PolicyDbContext db, TimeProvider clock, IOptions<ChangeFeedOptions> options)
{
    /// <summary>How far the feed has been trimmed: 0 until it first is.</summary>
    public Task<long> PurgedThroughAsync(CancellationToken cancellationToken) =>
        db.ChangeFeedHorizon.AsNoTracking().Select(h => h.PurgedThrough).SingleOrDefaultAsync(cancellationToken);

    /// <summary>Deletes the changes made before <paramref name="cutoff"/> (by default the retention window's start); returns how many.</summary>
    public async Task<int> PurgeAsync(DateTimeOffset? cutoff = null, CancellationToken cancellationToken = default)
    {
        var before = cutoff ?? clock.GetUtcNow().AddDays(-Math.Max(1, options.Value.RetentionDays));
        // By sequence, not by time: the times of changes committed close together need not follow commit order.
        var through = await db.Changes.Where(c => c.At < before).MaxAsync(c => (long?)c.Sequence, cancellationToken);
        if (through is not { } last)
        {
            return 0;
        }

        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"""
                INSERT INTO policy.change_feed_horizon (id, purged_through) VALUES ({ChangeFeedHorizon.SingletonId}, {last})
                ON CONFLICT (id) DO UPDATE SET purged_through = greatest(change_feed_horizon.purged_through, excluded.purged_through)
                """,
                cancellationToken);
            var deleted = await db.Changes.Where(c => c.Sequence <= last).ExecuteDeleteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return deleted;
        });
    }
}

/// <summary>Runs <see cref="ChangeFeedRetention"/> once an hour.</summary>
public sealed class ChangeFeedRetentionService(IServiceScopeFactory scopes, ILogger<ChangeFeedRetentionService> logger) : Hosting.PeriodicJob(scopes, logger, new(TimeSpan.FromHours(1)))
{
    protected override async Task<string?> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var trimmed = await services.GetRequiredService<ChangeFeedRetention>().PurgeAsync(cancellationToken: cancellationToken);
        return trimmed > 0 ? $"trimmed {trimmed} change(s) past the feed's retention" : null;
    }
}
