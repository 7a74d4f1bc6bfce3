namespace PolicyApi.Api.Features.Webhooks;

public sealed record DeleteWebhook([FromRoute(Name = "webhookId")] Guid Id) : ICommand;

public sealed class DeleteWebhookHandler(PolicyDbContext db, WebhookSubscriptions subscriptions, Representations representations)
    : AsyncRequestHandler<DeleteWebhook>
{
    protected override async Task Handle(DeleteWebhook request, CancellationToken cancellationToken)
    {
        var subscription = await subscriptions.LoadAsync(request.Id, cancellationToken);
        await db.DeleteAsync(representations, subscription, WebhookResponse.From(subscription), cancellationToken); // its deliveries and their attempts go with it
    }
}

internal static class DeleteWebhookEndpoint
{
    public static void Map(IEndpointRouteBuilder webhooks) =>
        webhooks.MapDeleteResource<DeleteWebhook>("/{webhookId}", 400, 404)
            .Describe("DeleteWebhook", "Delete a webhook subscription", "Stops its deliveries and deletes their history. Requires If-Match.");
}
