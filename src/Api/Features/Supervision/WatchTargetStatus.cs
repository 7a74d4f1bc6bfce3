using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PolicyApi.Infrastructure.Supervision;
using PolicyApi.Infrastructure.Webhooks;

namespace PolicyApi.Api.Features.Supervision;

/// <summary>
/// Watches the attainment status of the targets of active documents and raises target.statusChanged when one moves
/// (onTrack → behind, behind → achieved…). One replica at a time (a transaction-scoped advisory try-lock); what a run
/// saw is recorded with its events in one transaction. A target seen for the first time is recorded, not announced.
/// </summary>
public sealed class TargetStatusWatch(PolicyDbContext db, AttainmentBoard board, ServiceClock clock)
{
    public const long LockId = 7263543;

    /// <summary>Checks every target of an active document; returns how many changed status.</summary>
    public Task<int> CheckAsync(CancellationToken cancellationToken) =>
        PolicyApi.Infrastructure.Hosting.SingleReplica.RunAsync(db, LockId, async () =>
        {
            var targets = await db.Targets
                .Where(t => db.Documents.Any(d => d.Id == t.DocumentId && d.Status == DocumentStatus.Active))
                .Include(t => t.Allocations).Include(t => t.ScopeUnits).Include(t => t.Milestones)
                .AsSplitQuery()
                .ToListAsync(cancellationToken);
            var today = clock.Today;
            var now = clock.Now;
            var results = targets.Count == 0 ? [] : await board.EvaluateAsync(targets, today, cancellationToken);
            var seen = await db.Set<TargetStatusRecord>().ToDictionaryAsync(r => r.TargetId, cancellationToken);
            var changed = 0;
            foreach (var (target, result) in targets.Zip(results))
            {
                if (!seen.TryGetValue(target.Id, out var record))
                {
                    db.Add(new TargetStatusRecord(target.Id, result.Status, now));
                    continue;
                }

                var before = record.Status;
                if (record.Saw(result.Status, now))
                {
                    changed++;
                    Announce(target, result, before, now);
                }
            }

            return changed;
        }, cancellationToken);

    private void Announce(Target target, AttainmentResponse result, AttainmentStatus before, DateTimeOffset now)
    {
        var data = new JsonObject
        {
            ["targetId"] = target.Id.ToString(),
            ["documentId"] = target.DocumentId.ToString(),
            ["indicator"] = target.Indicator,
            ["period"] = result.Period,
            ["asOf"] = result.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["from"] = JsonNamingPolicy(before),
            ["to"] = JsonNamingPolicy(result.Status),
            ["actual"] = result.Actual,
            ["expected"] = result.Expected,
            ["value"] = result.Value,
            ["unitOfMeasure"] = result.UnitOfMeasure,
        };
        var summary = $"{target.Indicator}（目标{result.Value:0.######}{result.UnitOfMeasure}）：{Label(before)} → {Label(result.Status)}";
        EventOutbox.Add(db, WebhookEventType.TargetStatusChanged, now, target.DocumentId, unitId: null, data, summary);
    }

    private static string JsonNamingPolicy(AttainmentStatus status) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    private static string Label(AttainmentStatus status) => status switch
    {
        AttainmentStatus.Achieved => "已完成",
        AttainmentStatus.OnTrack => "进度正常",
        AttainmentStatus.Behind => "滞后于序时进度",
        AttainmentStatus.AtRisk => "有完不成风险",
        AttainmentStatus.Missed => "未完成",
        _ => "未开始",
    };
}

/// <summary>Runs <see cref="TargetStatusWatch"/> at Supervision:StatusCheckInterval (hourly), first at start.</summary>
public sealed class TargetStatusWatchService(IServiceScopeFactory scopes, IOptions<SupervisionOptions> options, ILogger<TargetStatusWatchService> logger)
    : PolicyApi.Infrastructure.Hosting.PeriodicJob(scopes, logger, new(options.Value.StatusCheckInterval, RunsAtStart: true, Enabled: options.Value.StatusCheckEnabled))
{
    protected override async Task<string?> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var changed = await services.GetRequiredService<TargetStatusWatch>().CheckAsync(cancellationToken);
        return changed > 0 ? $"{changed} target(s) changed status" : null;
    }
}
