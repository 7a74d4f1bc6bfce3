namespace PolicyApi.Api.Features.Webhooks;

/// <summary>The routes of webhook subscriptions and their deliveries: /api/v1/webhooks.</summary>
public static class WebhooksEndpoints
{
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/api/v1/webhooks").WithTags("Webhooks");
        ListWebhooksEndpoint.Map(webhooks);
        CreateWebhookEndpoint.Map(webhooks);
        GetWebhookEndpoint.Map(webhooks);
        DeleteWebhookEndpoint.Map(webhooks);
        ListWebhookDeliveriesEndpoint.Map(webhooks);
        ResendWebhookDeliveryEndpoint.Map(webhooks);

        return app;
    }
}
