using System.Buffers.Text;
using System.Globalization;
using System.Text;
using PolicyApi.Infrastructure.ChangeFeed;

namespace PolicyApi.Api.Features.Changes;

/// <summary>The changes committed after a sync token, oldest first.</summary>
/// <param name="Since">The nextSince of the previous call; leave it out to get the current token (then take a snapshot of the lists and follow from it).</param>
/// <param name="Limit">Page size, 1–100 (default 20).</param>
public sealed record ListChanges(string? Since, int? Limit) : IQuery<ChangesPage>;

/// <summary>A page of the change feed.</summary>
/// <param name="Items">The changes, in commit order.</param>
/// <param name="NextSince">The token to ask with next: after the last item, or the current end of the feed when nothing more is visible.</param>
/// <param name="HasMore">Whether more changes are already waiting after this page.</param>
public sealed record ChangesPage(IReadOnlyList<ChangeResponse> Items, string NextSince, bool HasMore);

/// <summary>One committed change of a resource.</summary>
/// <param name="Entity">The kind of resource.</param>
/// <param name="Id">The resource's id (for allocations, their target's).</param>
/// <param name="Action">What happened to it.</param>
/// <param name="Version">Its version after the change (its ETag's number); null for a delete.</param>
/// <param name="At">When the change was made.</param>
/// <param name="Data">The resource as it is now, as its own GET returns it; null for a delete (a tombstone) or when it has since been deleted.</param>
public sealed record ChangeResponse(ChangedEntity Entity, Guid Id, ChangeAction Action, int? Version, DateTimeOffset At, object? Data);

public sealed class ListChangesHandler(PolicyDbContext db, ChangeFeedRetention retention, ICurrentCaller caller, IMediator mediator) : MediatR.IRequestHandler<ListChanges, ChangesPage>
{
    public async Task<ChangesPage> Handle(ListChanges request, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(request.Limit);
        var since = request.Since is null ? (long?)null : SyncToken.Read(request.Since);
        // Read before the page: a change committed in between is in the page or after the token returned. A feed
        // trimmed to nothing ends where it was trimmed.
        var purgedThrough = await retention.PurgedThroughAsync(cancellationToken);
        var end = Math.Max(await db.Changes.MaxAsync(c => (long?)c.Sequence, cancellationToken) ?? 0, purgedThrough);
        if (since is not { } after)
        {
            return new ChangesPage([], SyncToken.Of(end), HasMore: false);
        }

        if (after < purgedThrough || after > end)
        {
            throw new GoneException(
                ProblemTypes.ForRule("sync-token-expired"),
                after > end
                    ? "The token is ahead of this feed (it was issued before a restore): resync — take a new token from GET /changes without since, then reload the lists."
                    : "Changes after this token are no longer kept: resync — take a new token from GET /changes without since, then reload the lists.");
        }

        var registry = Policies.Admits(caller.Caller, Policies.RegistryRead);
        var reports = Policies.Admits(caller.Caller, Policies.ReportsRead);
        var own = caller.ReporterUnit;
        var rows = await db.Changes.AsNoTracking()
            .Where(c => c.Sequence > after)
            .Where(c => c.Entity == ChangedEntity.ProgressReport
                ? reports && (own == null || c.UnitId == own)
                : registry && (c.Entity != ChangedEntity.Assignment || own == null || c.UnitId == own))
            .OrderBy(c => c.Sequence)
            .Take(limit + 1)
            .ToListAsync(cancellationToken);
        if (await retention.PurgedThroughAsync(cancellationToken) > after)
        {
            // Trimmed while the page was read: what it holds may lack changes the trim took.
            throw new GoneException(ProblemTypes.ForRule("sync-token-expired"), "Changes after this token are no longer kept: resync — take a new token from GET /changes without since, then reload the lists.");
        }

        var hasMore = rows.Count > limit;
        var page = rows.Take(limit).ToList();
        var next = hasMore ? page[^1].Sequence : Math.Max(end, page.Count > 0 ? page[^1].Sequence : after);

        var current = new Dictionary<(ChangedEntity, Guid), object?>();
        var items = new List<ChangeResponse>(page.Count);
        foreach (var change in page)
        {
            object? data = null;
            if (change.Action != ChangeAction.Deleted && !current.TryGetValue((change.Entity, change.EntityId), out data))
            {
                data = await CurrentAsync(change, cancellationToken);
                current[(change.Entity, change.EntityId)] = data;
            }

            items.Add(new ChangeResponse(change.Entity, change.EntityId, change.Action, change.Version, change.At, data));
        }

        return new ChangesPage(items, SyncToken.Of(next), hasMore);
    }

    /// <summary>The resource as its own GET returns it now; null when it no longer exists.</summary>
    private async Task<object?> CurrentAsync(ChangeRecord change, CancellationToken cancellationToken)
    {
        try
        {
            return change.Entity switch
            {
                ChangedEntity.Document => await mediator.Send(new GetDocument(change.EntityId), cancellationToken),
                ChangedEntity.Chapter => await mediator.Send(new GetChapter(change.ParentId ?? Guid.Empty, change.EntityId), cancellationToken),
                ChangedEntity.Measure => await mediator.Send(new GetMeasure(change.EntityId), cancellationToken),
                ChangedEntity.Assignment => await mediator.Send(new GetAssignment(change.ParentId ?? Guid.Empty, change.EntityId), cancellationToken),
                ChangedEntity.Unit => await mediator.Send(new GetUnit(change.EntityId), cancellationToken),
                ChangedEntity.Target => await mediator.Send(new GetTarget(change.EntityId), cancellationToken),
                ChangedEntity.Allocations => await mediator.Send(new GetAllocations(change.EntityId), cancellationToken),
                ChangedEntity.ProgressReport => await mediator.Send(new GetReport(change.EntityId), cancellationToken),
                _ => null,
            };
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }
}

/// <summary>The feed's sync token: opaque to clients, a position in the feed to us.</summary>
public static class SyncToken
{
    private const string Prefix = "changes.";

    public static string Of(long sequence) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Prefix + sequence.ToString(CultureInfo.InvariantCulture)));

    public static long Read(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            if (text.StartsWith(Prefix, StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                return sequence;
            }
        }
        catch (FormatException)
        {
        }

        throw new InvalidInputException("since", "The token is not one this feed issued: call GET /changes without since for a current one.");
    }
}

internal static class ListChangesEndpoint
{
    public static void Map(IEndpointRouteBuilder changes) =>
        changes.MapQuery<ListChanges, ChangesPage>("/")
            .Describe(
                "ListChanges",
                "Follow the change feed",
                "Every create, update and delete of documents, chapters, measures, assignments, units, targets, allocations and progress reports, in commit order, with the resource as it is now (null for a delete). Without since: the current token — take a snapshot of the lists, then follow from it. A reporter sees only its own unit's reports and assignments. A token older than the feed keeps is a 410: resync.")
            .WithProblems(400, 410);
}
