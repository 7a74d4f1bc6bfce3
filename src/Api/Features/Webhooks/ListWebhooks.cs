using PolicyApi.Infrastructure.Webhooks;

namespace PolicyApi.Api.Features.Webhooks;

/// <summary>The subscriptions the caller manages, oldest first.</summary>
/// <param name="Status">Only subscriptions in this status: active or failing.</param>
public sealed record ListWebhooks([OneOf<WebhookStatus>] string? Status) : ListQuery<WebhookResponse>;

public sealed class ListWebhooksHandler(WebhookSubscriptions subscriptions) : MediatR.IRequestHandler<ListWebhooks, Page<WebhookResponse>>
{
    public async Task<Page<WebhookResponse>> Handle(ListWebhooks request, CancellationToken cancellationToken)
    {
        var page = IdPage.Of(request);
        var query = subscriptions.Visible().AsNoTracking().WhereGiven(QueryValues.ParseEnum<WebhookStatus>(request.Status, "status"), status => s => s.Status == status);

        return await page.ReadAsync(query, WebhookResponse.From, cancellationToken);
    }
}

internal static class ListWebhooksEndpoint
{
    public static void Map(IEndpointRouteBuilder webhooks) =>
        webhooks.MapList<ListWebhooks, WebhookResponse>("/")
            .Describe("ListWebhooks", "List webhook subscriptions", "An administrator sees every subscription; a system client (webhooks.manage) only its own. Secrets are never shown.")
            .WithProblems(400);
}
