using PolicyApi.Infrastructure.Webhooks;

namespace PolicyApi.Api.Features.Webhooks;

public sealed record ResendWebhookDelivery(Guid WebhookId, long DeliveryId) : ICommand<DeliveryResponse>;

public sealed class ResendWebhookDeliveryHandler(PolicyDbContext db, WebhookSubscriptions subscriptions, TimeProvider clock)
    : MediatR.IRequestHandler<ResendWebhookDelivery, DeliveryResponse>
{
    public async Task<DeliveryResponse> Handle(ResendWebhookDelivery request, CancellationToken cancellationToken)
    {
        var subscription = await subscriptions.LoadAsync(request.WebhookId, cancellationToken);
        var original = await db.WebhookDeliveries.AsNoTracking().SingleOrDefaultAsync(d => d.Id == request.DeliveryId && d.SubscriptionId == subscription.Id, cancellationToken)
            ?? throw new ResourceNotFoundException("Delivery", request.DeliveryId);
        if (original.Status == DeliveryStatus.Pending)
        {
            throw new ConflictException(ProblemTypes.ForRule("delivery-pending"), "This delivery is still being sent; re-send it once it has succeeded or been given up.");
        }

        var now = clock.GetUtcNow();
        var resend = WebhookDelivery.ResendOfDelivery(original, now.AddTicks(-(now.Ticks % 10)));
        db.WebhookDeliveries.Add(resend);
        await db.SaveChangesAsync(cancellationToken);
        var type = await db.OutboxEvents.Where(e => e.Id == original.EventId).Select(e => e.Type).SingleAsync(cancellationToken);
        return DeliveryResponse.From(resend, type, []);
    }
}

internal static class ResendWebhookDeliveryEndpoint
{
    public static void Map(IEndpointRouteBuilder webhooks) =>
        webhooks.MapPost("/{webhookId}/deliveries/{deliveryId}/resend", async (Guid webhookId, long deliveryId, IMediator mediator, CancellationToken ct) =>
            {
                var resend = await mediator.Send(new ResendWebhookDelivery(webhookId, deliveryId), ct);
                return TypedResults.Accepted($"/api/v1/webhooks/{webhookId}/deliveries", resend);
            })
            .Describe(
                "ResendWebhookDelivery",
                "Send a delivery again",
                "Queues a new delivery of the same event (same webhook-id, so a receiver that keeps ids sees a repeat) after the subscription's pending ones; 409 while the delivery itself is still pending.")
            .Produces<DeliveryResponse>(StatusCodes.Status202Accepted)
            .Idempotent()
            .WithProblems(400, 404, 409);
}
