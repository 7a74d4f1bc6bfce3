using PolicyApi.Infrastructure.Webhooks;

namespace PolicyApi.Api.Features.Webhooks;

/// <summary>A subscription's deliveries, newest first, each with its attempts.</summary>
/// <param name="WebhookId">The subscription's id.</param>
/// <param name="Status">Only deliveries in this status: pending, succeeded or failed.</param>
public sealed record ListWebhookDeliveries(Guid WebhookId, [OneOf<DeliveryStatus>] string? Status) : ListQuery<DeliveryResponse>;

public sealed class ListWebhookDeliveriesHandler(PolicyDbContext db, WebhookSubscriptions subscriptions)
    : MediatR.IRequestHandler<ListWebhookDeliveries, Page<DeliveryResponse>>
{
    public async Task<Page<DeliveryResponse>> Handle(ListWebhookDeliveries request, CancellationToken cancellationToken)
    {
        var page = KeysetPage.NewestFirst<long>(request);
        var subscription = await subscriptions.LoadAsync(request.WebhookId, cancellationToken);
        var query = db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == subscription.Id)
            .WhereGiven(QueryValues.ParseEnum<DeliveryStatus>(request.Status, "status"), status => d => d.Status == status);

        var rows = await page.Rows(query, d => d.Id).ToListAsync(cancellationToken);
        var ids = rows.Select(d => d.Id).ToList();
        var eventIds = rows.Select(d => d.EventId).Distinct().ToList();
        var attempts = (await db.WebhookAttempts.AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).ToListAsync(cancellationToken)).ToLookup(a => a.DeliveryId);
        var types = await db.OutboxEvents.AsNoTracking().Where(e => eventIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Type, cancellationToken);
        return page.Build(rows, d => DeliveryResponse.From(d, types[d.EventId], attempts[d.Id]), d => d.Id);
    }
}

internal static class ListWebhookDeliveriesEndpoint
{
    public static void Map(IEndpointRouteBuilder webhooks) =>
        webhooks.MapList<ListWebhookDeliveries, DeliveryResponse>("/{webhookId}/deliveries")
            .Describe(
                "ListWebhookDeliveries",
                "List a subscription's deliveries",
                "Each event sent (or to be sent) to the subscription, newest first: its status (pending, succeeded, failed = given up), the attempts made with the receiver's status code, and when it is tried next.")
            .WithProblems(400, 404);
}
