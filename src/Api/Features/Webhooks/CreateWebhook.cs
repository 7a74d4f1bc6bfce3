using PolicyApi.Infrastructure.Webhooks;

namespace PolicyApi.Api.Features.Webhooks;

public sealed record CreateWebhook : ICommand<CreatedWebhookResponse>
{
    /// <summary>Where events are POSTed: an absolute http(s) URL whose host resolves to public addresses only.</summary>
    public string? Url { get; init; }

    /// <summary>The events to receive, at least one.</summary>
    public IReadOnlyList<WebhookEventType>? EventTypes { get; init; }

    /// <summary>Only events about this document (and reports on its measures and targets).</summary>
    public Guid? DocumentId { get; init; }

    /// <summary>Only events about this unit.</summary>
    public Guid? UnitId { get; init; }

    /// <summary>standard (default), dingtalk or wecom.</summary>
    public WebhookFormat? Format { get; init; }

    /// <summary>For dingtalk and wecom: text (default) or markdown.</summary>
    public RobotMessageType? MessageType { get; init; }

    /// <summary>For dingtalk only: the robot's 加签 secret (SEC…), to sign its URL. A standard subscription's secret is made by the server.</summary>
    public string? Secret { get; init; }

    /// <summary>What the subscription is for, e.g. 督查室钉钉群.</summary>
    public string? Description { get; init; }
}

public sealed class CreateWebhookValidator : AbstractValidator<CreateWebhook>
{
    public CreateWebhookValidator()
    {
        RuleFor(x => x.Url).NotEmpty().MaximumLength(2000);
        RuleFor(x => x.Url)
            .Must(url => Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" && string.IsNullOrEmpty(u.UserInfo) && string.IsNullOrEmpty(u.Fragment))
            .When(x => !string.IsNullOrEmpty(x.Url))
            .WithMessage("The URL must be absolute, http or https, without user information or a fragment.");
        RuleFor(x => x.EventTypes).NotEmpty();
        RuleForEach(x => x.EventTypes).IsInEnum();
        RuleFor(x => x.Format).IsInEnum();
        RuleFor(x => x.MessageType).IsInEnum();
        RuleFor(x => x.MessageType).Null().When(x => x.Format is null or WebhookFormat.Standard).WithMessage("A message type is chosen for dingtalk and wecom robots only.");
        RuleFor(x => x.Secret).Null().When(x => x.Format != WebhookFormat.DingTalk)
            .WithMessage("A secret is given for a dingtalk robot only; a standard subscription's secret is made by the server.");
        RuleFor(x => x.Secret).MaximumLength(200);
        RuleFor(x => x.Description).MaximumLength(200);
    }
}

public sealed class CreateWebhookHandler(PolicyDbContext db, WebhookSubscriptions subscriptions, ICurrentCaller caller, WebhookTargetGuard guard, WebhookSecrets secrets)
    : MediatR.IRequestHandler<CreateWebhook, CreatedWebhookResponse>
{
    public async Task<CreatedWebhookResponse> Handle(CreateWebhook request, CancellationToken cancellationToken)
    {
        var types = request.EventTypes!.Distinct().ToList();
        EnsureMayReceive(types);
        var url = new Uri(request.Url!);
        if (await guard.RefusalAsync(url, cancellationToken) is { } refused)
        {
            throw new InvalidInputException("url", $"{refused} Webhook targets must be public addresses.");
        }

        if (request.DocumentId is { } documentId && !await db.Documents.AnyAsync(d => d.Id == documentId, cancellationToken))
        {
            throw new InvalidInputException("documentId", $"No document {documentId}.");
        }

        if (request.UnitId is { } unitId && !await db.Units.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            throw new InvalidInputException("unitId", $"No unit {unitId}.");
        }

        var format = request.Format ?? WebhookFormat.Standard;
        var secret = format switch
        {
            WebhookFormat.Standard => WebhookSecrets.NewSigningSecret(),
            WebhookFormat.DingTalk => string.IsNullOrEmpty(request.Secret) ? null : request.Secret,
            _ => null,
        };
        var subscription = WebhookSubscription.Create(
            url.AbsoluteUri, types.Select(WebhookEventTypes.NameOf), request.DocumentId, request.UnitId, format, request.MessageType,
            request.Description, secret is null ? null : id => secrets.Protect(id, secret), subscriptions.Owner, caller.Subject);
        return await db.CreateAsync(subscription, s => new CreatedWebhookResponse(WebhookResponse.From(s), format == WebhookFormat.Standard ? secret : null), cancellationToken);
    }

    /// <summary>A system client receives only what it could read: report events need a reports scope, document events a registry one.</summary>
    private void EnsureMayReceive(IEnumerable<WebhookEventType> types)
    {
        foreach (var type in types)
        {
            var policy = WebhookEventTypes.IsAboutReports(type) ? Policies.ReportsRead : Policies.RegistryRead;
            if (!Policies.Admits(caller.Caller, policy))
            {
                throw new ForbiddenException(
                    ProblemTypes.ForRule("event-not-readable"),
                    $"Receiving {WebhookEventTypes.NameOf(type)} needs a token that may read what it tells of (policy {policy}).");
            }
        }
    }
}

internal static class CreateWebhookEndpoint
{
    public static void Map(IEndpointRouteBuilder webhooks) =>
        webhooks.MapPost("/", async (CreateWebhook command, IMediator mediator, Representations representations, HttpContext http, CancellationToken ct) =>
            {
                var created = await mediator.Send(command, ct);
                return representations.Created(http, $"/api/v1/webhooks/{created.Webhook.Id}", created);
            })
            .Describe(
                "CreateWebhook",
                "Subscribe a URL to events",
                "Events are written to an outbox with the change they tell of and delivered at least once, in order per subscription, retried on an exponential schedule until the configured time passes (then the subscription is marked failing). " +
                "A standard subscription's requests are signed per Standard Webhooks with the secret returned here — shown once, never again. dingtalk and wecom send a group robot's text or markdown message (dingtalk signs its URL when given the robot's secret). " +
                "The URL's host must resolve to public addresses only (400 naming url). Not idempotent: a replayed response would have to store the secret. A system client (webhooks.manage) manages only its own subscriptions, and receives only events it may read.")
            .Accepts<CreateWebhook>("application/json")
            .Produces<CreatedWebhookResponse>(StatusCodes.Status201Created)
            .WithProblems(400, 403, 413, 415);
}
