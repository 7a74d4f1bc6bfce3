using System.Text.Json.Nodes;

namespace PolicyApi.Infrastructure.Webhooks;

/// <summary>
/// An event in the outbox: written in the same transaction as the change it tells of, and fanned out there to one
/// <see cref="WebhookDelivery"/> per matching subscription. Its id is the event's stable id (the <c>webhook-id</c>).
/// </summary>
public sealed class OutboxEvent
{
    private OutboxEvent()
    {
        Type = null!;
        Payload = null!;
    }

    public Guid Id { get; private set; }

    /// <summary>The wire name, e.g. report.submitted.</summary>
    public string Type { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>The document it concerns, for subscriptions filtered by document.</summary>
    public Guid? DocumentId { get; private set; }

    /// <summary>The unit it concerns, for subscriptions filtered by unit.</summary>
    public Guid? UnitId { get; private set; }

    /// <summary>The event as receivers get it: {id, type, occurredAt, data}.</summary>
    public string Payload { get; private set; }

    /// <summary>The line a robot posts to a group, e.g. 区商务局 2021年6月进展报告逾期3天.</summary>
    public string Summary { get; private set; } = string.Empty;

    /// <summary>Whether this event's deliveries have been written (a SaveChanges writes them once).</summary>
    internal bool FannedOut { get; set; }

    public static OutboxEvent Create(WebhookEventType type, DateTimeOffset occurredAt, Guid? documentId, Guid? unitId, JsonObject data, string summary)
    {
        ArgumentNullException.ThrowIfNull(data);
        var id = Guid.CreateVersion7();
        var name = WebhookEventTypes.NameOf(type);
        data["summary"] = summary;
        var payload = new JsonObject
        {
            ["id"] = id.ToString(),
            ["type"] = name,
            ["occurredAt"] = occurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["data"] = data,
        };
        return new OutboxEvent
        {
            Id = id,
            Type = name,
            OccurredAt = occurredAt,
            DocumentId = documentId,
            UnitId = unitId,
            Payload = payload.ToJsonString(WebhookJson.Options),
            Summary = summary,
        };
    }
}

/// <summary>Where one event goes to one subscription, and how that has gone.</summary>
public enum DeliveryStatus
{
    /// <summary>Not delivered yet: waiting for its turn or its next attempt.</summary>
    Pending,

    /// <summary>The receiver answered 2xx.</summary>
    Succeeded,

    /// <summary>Given up after the configured time.</summary>
    Failed,
}

/// <summary>
/// One event for one subscription. A subscription's deliveries go out strictly in <see cref="Id"/> order (given out
/// under the audit chain's lock, so in commit order): the next only after the one before succeeded or was given up.
/// </summary>
public sealed class WebhookDelivery(Guid subscriptionId, Guid eventId, DateTimeOffset createdAt)
{
    public long Id { get; private set; }

    public Guid SubscriptionId { get; private set; } = subscriptionId;

    public Guid EventId { get; private set; } = eventId;

    public DeliveryStatus Status { get; private set; } = DeliveryStatus.Pending;

    public int Attempts { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; } = createdAt;

    /// <summary>When the dispatcher may try it next (while pending).</summary>
    public DateTimeOffset NextAttemptAt { get; private set; } = createdAt;

    public DateTimeOffset? CompletedAt { get; private set; }

    public int? LastStatusCode { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>The delivery this one sends again, when it was asked to be re-sent.</summary>
    public long? ResendOf { get; private set; }

    public static WebhookDelivery ResendOfDelivery(WebhookDelivery original, DateTimeOffset at) =>
        new(original.SubscriptionId, original.EventId, at) { ResendOf = original.Id };

    internal void Succeeded(DateTimeOffset at, int statusCode)
    {
        Attempts++;
        Status = DeliveryStatus.Succeeded;
        CompletedAt = at;
        LastStatusCode = statusCode;
        LastError = null;
    }

    /// <summary>A failed attempt: tried again at <paramref name="next"/>, or given up when there is none.</summary>
    internal void AttemptFailed(DateTimeOffset at, int? statusCode, string error, DateTimeOffset? next)
    {
        Attempts++;
        LastStatusCode = statusCode;
        LastError = error;
        if (next is { } when)
        {
            NextAttemptAt = when;
        }
        else
        {
            Status = DeliveryStatus.Failed;
            CompletedAt = at;
        }
    }
}

/// <summary>One attempt to send a delivery, as the receiver answered it.</summary>
public sealed class WebhookAttempt(long deliveryId, int number, DateTimeOffset at, int? statusCode, string? error, int durationMs)
{
    public long Id { get; private set; }

    public long DeliveryId { get; private set; } = deliveryId;

    public int Number { get; private set; } = number;

    public DateTimeOffset At { get; private set; } = at;

    /// <summary>The receiver's HTTP status; null when no answer came (refused address, timeout, open circuit).</summary>
    public int? StatusCode { get; private set; } = statusCode;

    public string? Error { get; private set; } = error;

    public int DurationMs { get; private set; } = durationMs;
}
