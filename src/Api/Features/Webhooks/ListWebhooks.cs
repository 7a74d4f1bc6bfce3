using PolicyApi.Infrastructure.Webhooks;

namespace PolicyApi.Api.Features.Webhooks;

/// <summary>The subscriptions the caller manages, oldest first.</summary>
/// <param name="Status">Only subscriptions in this status: active or failing.</param>
/// <param name="Limit">Page size, 1–100 (default 20).</param>
/// <param name="Cursor">The nextCursor of the previous page of this list, under the same filters (another list's cursor is a 400).</param>
public sealed record ListWebhooks(
    [FromQuery(Name = "status")] WebhookStatus? Status,
    [FromQuery(Name = "limit")] int? Limit,
    [FromQuery(Name = "cursor")] string? Cursor)
    : IQuery<Page<WebhookResponse>>, IPagedQuery;

public sealed class ListWebhooksHandler(WebhookSubscriptions subscriptions) : MediatR.IRequestHandler<ListWebhooks, Page<WebhookResponse>>
{
    private sealed record Position(Guid Id);

    public async Task<Page<WebhookResponse>> Handle(ListWebhooks request, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(request.Limit);
        var after = Paging.Decode<Position>(request);
        var query = subscriptions.Visible().AsNoTracking();
        if (request.Status is { } status)
        {
            query = query.Where(s => s.Status == status);
        }

        if (after is not null)
        {
            query = query.Where(s => s.Id > after.Id);
        }

        var rows = await query.OrderBy(s => s.Id).Take(limit + 1).ToListAsync(cancellationToken);
        return Paging.Build(request, rows, limit, WebhookResponse.From, s => new Position(s.Id));
    }
}

internal static class ListWebhooksEndpoint
{
    public static void Map(IEndpointRouteBuilder webhooks) =>
        webhooks.MapGet("/", async ([AsParameters] ListWebhooks query, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(query, ct)))
            .Describe("ListWebhooks", "List webhook subscriptions", "An administrator sees every subscription; a system client (webhooks.manage) only its own. Secrets are never shown.")
            .WithProblems(400);
}
