namespace PolicyApi.Api.Features.Webhooks;

public sealed record GetWebhook(Guid Id) : IQuery<WebhookResponse>;

public sealed class GetWebhookHandler(WebhookSubscriptions subscriptions) : MediatR.IRequestHandler<GetWebhook, WebhookResponse>
{
    public async Task<WebhookResponse> Handle(GetWebhook request, CancellationToken cancellationToken) =>
        WebhookResponse.From(await subscriptions.LoadAsync(request.Id, cancellationToken));
}

internal static class GetWebhookEndpoint
{
    public static void Map(IEndpointRouteBuilder webhooks) =>
        webhooks.MapGet("/{webhookId}", async (Guid webhookId, IMediator mediator, Representations representations, HttpContext http, CancellationToken ct) =>
                representations.Ok(http, await mediator.Send(new GetWebhook(webhookId), ct)))
            .Describe("GetWebhook", "Read a webhook subscription", "Its target, events, filters, format and status (active or failing), with a strong ETag; never its secret. Another client's subscription is a 404.")
            .ServesResource<WebhookResponse>();
}
