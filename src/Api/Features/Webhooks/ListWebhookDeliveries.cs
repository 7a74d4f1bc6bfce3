using PolicyApi.Infrastructure.Webhooks;

namespace PolicyApi.Api.Features.Webhooks;

/// <summary>A subscription's deliveries, newest first, each with its attempts.</summary>
/// <param name="WebhookId">The subscription's id.</param>
/// <param name="Status">Only deliveries in this status: pending, succeeded or failed.</param>
/// <param name="Limit">Page size, 1–100 (default 20).</param>
/// <param name="Cursor">The nextCursor of the previous page of this list, under the same filters (another list's cursor is a 400).</param>
public sealed record ListWebhookDeliveries(
    [FromRoute(Name = "webhookId")] Guid WebhookId,
    [FromQuery(Name = "status")] DeliveryStatus? Status,
    [FromQuery(Name = "limit")] int? Limit,
    [FromQuery(Name = "cursor")] string? Cursor)
    : IQuery<Page<DeliveryResponse>>, IPagedQuery;

public sealed class ListWebhookDeliveriesHandler(PolicyDbContext db, WebhookSubscriptions subscriptions)
    : MediatR.IRequestHandler<ListWebhookDeliveries, Page<DeliveryResponse>>
{
    private sealed record Position(long Id);

    public async Task<Page<DeliveryResponse>> Handle(ListWebhookDeliveries request, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(request.Limit);
        var after = Paging.Decode<Position>(request);
        var subscription = await subscriptions.LoadAsync(request.WebhookId, cancellationToken);
        var query = db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == subscription.Id);
        if (request.Status is { } status)
        {
            query = query.Where(d => d.Status == status);
        }

        if (after is not null)
        {
            query = query.Where(d => d.Id < after.Id);
        }

        var rows = await query.OrderByDescending(d => d.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var ids = rows.Select(d => d.Id).ToList();
        var eventIds = rows.Select(d => d.EventId).Distinct().ToList();
        var attempts = (await db.WebhookAttempts.AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).ToListAsync(cancellationToken)).ToLookup(a => a.DeliveryId);
        var types = await db.OutboxEvents.AsNoTracking().Where(e => eventIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Type, cancellationToken);
        return Paging.Build(request, rows, limit, d => DeliveryResponse.From(d, types[d.EventId], attempts[d.Id]), d => new Position(d.Id));
    }
}

internal static class ListWebhookDeliveriesEndpoint
{
    public static void Map(IEndpointRouteBuilder webhooks) =>
        webhooks.MapGet("/{webhookId}/deliveries", async ([AsParameters] ListWebhookDeliveries query, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(query, ct)))
            .Describe(
                "ListWebhookDeliveries",
                "List a subscription's deliveries",
                "Each event sent (or to be sent) to the subscription, newest first: its status (pending, succeeded, failed = given up), the attempts made with the receiver's status code, and when it is tried next.")
            .WithProblems(400, 404);
}
