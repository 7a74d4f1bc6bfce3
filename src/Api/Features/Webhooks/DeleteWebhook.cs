namespace PolicyApi.Api.Features.Webhooks;

public sealed record DeleteWebhook(Guid Id, string? IfMatch) : ICommand<MediatR.Unit>;

public sealed class DeleteWebhookHandler(PolicyDbContext db, WebhookSubscriptions subscriptions, Representations representations)
    : MediatR.IRequestHandler<DeleteWebhook, MediatR.Unit>
{
    public async Task<MediatR.Unit> Handle(DeleteWebhook request, CancellationToken cancellationToken)
    {
        var subscription = await subscriptions.LoadAsync(request.Id, cancellationToken);
        representations.EnsureMatch(request.IfMatch, WebhookResponse.From(subscription));
        db.WebhookSubscriptions.Remove(subscription); // its deliveries and their attempts go with it
        await db.SaveChangesAsync(cancellationToken);
        return MediatR.Unit.Value;
    }
}

internal static class DeleteWebhookEndpoint
{
    public static void Map(IEndpointRouteBuilder webhooks) =>
        webhooks.MapDelete("/{webhookId}", async (Guid webhookId, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteWebhook(webhookId, ifMatch), ct);
                return TypedResults.NoContent();
            })
            .Describe("DeleteWebhook", "Delete a webhook subscription", "Stops its deliveries and deletes their history. Requires If-Match.")
            .RequireIfMatch()
            .WithProblems(400, 404);
}
