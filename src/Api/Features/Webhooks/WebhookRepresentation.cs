using PolicyApi.Infrastructure.Webhooks;

namespace PolicyApi.Api.Features.Webhooks;

/// <summary>A webhook subscription as the API serves it (its secret never: that is shown once, at creation).</summary>
/// <param name="Url">Where events are POSTed.</param>
/// <param name="EventTypes">The events it receives.</param>
/// <param name="DocumentId">Only events about this document (and reports on its measures and targets), when set.</param>
/// <param name="UnitId">Only events about this unit, when set.</param>
/// <param name="Format">standard (the event's JSON, signed per Standard Webhooks), dingtalk or wecom (a group robot's message).</param>
/// <param name="MessageType">For a robot: text or markdown.</param>
/// <param name="HasSecret">Whether requests are signed (always for standard; for dingtalk when a secret was given).</param>
/// <param name="Status">active, or failing once a delivery was given up (until one succeeds again).</param>
/// <param name="FailingSince">When it was last marked failing.</param>
/// <param name="CreatedBy">The subject that created it.</param>
public sealed record WebhookResponse(
    Guid Id,
    string Url,
    IReadOnlyList<WebhookEventType> EventTypes,
    Guid? DocumentId,
    Guid? UnitId,
    WebhookFormat Format,
    RobotMessageType? MessageType,
    string? Description,
    bool HasSecret,
    WebhookStatus Status,
    DateTimeOffset? FailingSince,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : ITaggedRepresentation
{
    internal string ETag { get; init; } = string.Empty;

    string ITaggedRepresentation.ETag => ETag;

    public static WebhookResponse From(WebhookSubscription s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(
            s.Id, s.Url, [.. s.EventTypes.Select(WebhookEventTypes.Parse).OfType<WebhookEventType>()], s.DocumentId, s.UnitId, s.Format, s.MessageType,
            s.Description, s.ProtectedSecret is not null, s.Status, s.FailingSince, s.CreatedBy, s.CreatedAt, s.UpdatedAt)
        { ETag = EntityTags.Of(s.Id, s.Version) };
    }
}

/// <summary>A subscription just created, with its signing secret: shown this once, kept encrypted, never returned again.</summary>
/// <param name="Webhook">The subscription.</param>
/// <param name="Secret">The Standard Webhooks secret (whsec_…) to verify its requests with; absent for a robot.</param>
public sealed record CreatedWebhookResponse(
    WebhookResponse Webhook,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Secret) : ITaggedRepresentation
{
    string ITaggedRepresentation.ETag => Webhook.ETag;
}

/// <summary>One event's delivery to a subscription, with every attempt.</summary>
/// <param name="Id">The delivery's id (to re-send it).</param>
/// <param name="EventId">The event's id: its webhook-id header, the same on every attempt and re-send.</param>
/// <param name="EventType">The event's type.</param>
/// <param name="Status">pending (waiting for its turn or its next attempt), succeeded, or failed (given up).</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="LastStatusCode">The receiver's last HTTP status; absent when no answer came.</param>
/// <param name="LastError">Why the last attempt failed.</param>
/// <param name="NextAttemptAt">When it is tried next, while pending.</param>
/// <param name="CompletedAt">When it succeeded or was given up.</param>
/// <param name="ResendOf">The delivery it sends again, when it is a re-send.</param>
/// <param name="History">Each attempt: when, the answer's status code, how long it took, what failed.</param>
public sealed record DeliveryResponse(
    long Id,
    Guid EventId,
    string EventType,
    DeliveryStatus Status,
    int Attempts,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? CompletedAt,
    long? ResendOf,
    IReadOnlyList<AttemptResponse> History)
{
    public static DeliveryResponse From(WebhookDelivery d, string eventType, IEnumerable<WebhookAttempt> attempts)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(
            d.Id, d.EventId, eventType, d.Status, d.Attempts, d.LastStatusCode, d.LastError, d.CreatedAt,
            d.Status == DeliveryStatus.Pending ? d.NextAttemptAt : null, d.CompletedAt, d.ResendOf,
            [.. attempts.OrderBy(a => a.Number).Select(a => new AttemptResponse(a.Number, a.At, a.StatusCode, a.DurationMs, a.Error))]);
    }
}

/// <summary>One attempt to send a delivery.</summary>
/// <param name="Number">1 for the first attempt.</param>
/// <param name="StatusCode">The receiver's HTTP status; absent when no answer came (refused address, timeout, open circuit).</param>
/// <param name="DurationMs">How long the attempt took, in milliseconds.</param>
/// <param name="Error">What failed, when it did.</param>
public sealed record AttemptResponse(int Number, DateTimeOffset At, int? StatusCode, int DurationMs, string? Error);

/// <summary>
/// The subscriptions a caller may manage: an administrator all of them, a system client those it created. One
/// that the caller may not manage is answered as missing (404), so its existence is not revealed.
/// </summary>
public sealed class WebhookSubscriptions(PolicyDbContext db, ICurrentCaller caller)
{
    /// <summary>Who owns what the caller creates.</summary>
    public string Owner => caller.Caller?.Holds(Roles.Administrator) == true
        ? WebhookSubscription.AdministratorOwner
        : $"client:{caller.ClientId ?? caller.Subject}";

    public IQueryable<WebhookSubscription> Visible()
    {
        var owner = Owner;
        return owner == WebhookSubscription.AdministratorOwner ? db.WebhookSubscriptions : db.WebhookSubscriptions.Where(s => s.Owner == owner);
    }

    public async Task<WebhookSubscription> LoadAsync(Guid id, CancellationToken cancellationToken) =>
        await Visible().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw new ResourceNotFoundException("Webhook", id);
}
