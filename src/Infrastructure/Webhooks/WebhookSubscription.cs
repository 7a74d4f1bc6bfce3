using System.Text.Json.Serialization;
using PolicyApi.Domain.Common;

namespace PolicyApi.Infrastructure.Webhooks;

/// <summary>What a receiver is sent: the event as JSON, or a message a DingTalk or WeCom group robot posts.</summary>
public enum WebhookFormat
{
    /// <summary>The event's JSON, signed per Standard Webhooks.</summary>
    Standard,

    /// <summary>A DingTalk group robot message; signed by DingTalk's own scheme (timestamp and sign in the URL) when a secret is given.</summary>
    [JsonStringEnumMemberName("dingtalk")]
    DingTalk,

    /// <summary>A WeCom (企业微信) group robot message; the robot's key is in its URL.</summary>
    [JsonStringEnumMemberName("wecom")]
    WeCom,
}

/// <summary>How a robot message is written.</summary>
public enum RobotMessageType
{
    Text,
    Markdown,
}

public enum WebhookStatus
{
    /// <summary>Deliveries are arriving (or none has been given up yet).</summary>
    Active,

    /// <summary>A delivery was given up after the configured time; the next one that arrives makes it active again.</summary>
    Failing,
}

/// <summary>
/// A receiver of events: where they go, which ones, in which form. Its secret is kept encrypted
/// (<see cref="WebhookSecrets"/>), so the database alone does not reveal it, and is shown once, when it is created.
/// </summary>
public sealed class WebhookSubscription : VersionedEntity
{
    private WebhookSubscription()
    {
        Url = null!;
        EventTypes = [];
        Owner = null!;
        CreatedBy = null!;
    }

    public string Url { get; private set; }

    /// <summary>The events it receives, by their wire names (report.submitted …).</summary>
    public string[] EventTypes { get; private set; }

    /// <summary>Only events about this document (and its reports), when set.</summary>
    public Guid? DocumentId { get; private set; }

    /// <summary>Only events about this unit, when set.</summary>
    public Guid? UnitId { get; private set; }

    public WebhookFormat Format { get; private set; }

    public RobotMessageType? MessageType { get; private set; }

    public string? Description { get; private set; }

    /// <summary>The signing secret, encrypted; null for a robot without one.</summary>
    public string? ProtectedSecret { get; private set; }

    public WebhookStatus Status { get; private set; }

    public DateTimeOffset? FailingSince { get; private set; }

    /// <summary>Who manages it: <see cref="AdministratorOwner"/>, or the system client that created it.</summary>
    public string Owner { get; private set; }

    public string CreatedBy { get; private set; }

    /// <summary>The owner of subscriptions made by administrators (every administrator manages them).</summary>
    public const string AdministratorOwner = "administrators";

    public static WebhookSubscription Create(
        string url, IEnumerable<string> eventTypes, Guid? documentId, Guid? unitId, WebhookFormat format, RobotMessageType? messageType,
        string? description, Func<Guid, string>? protectSecret, string owner, string createdBy)
    {
        ArgumentNullException.ThrowIfNull(eventTypes);
        var subscription = new WebhookSubscription
        {
            Url = url,
            EventTypes = [.. eventTypes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            DocumentId = documentId,
            UnitId = unitId,
            Format = format,
            MessageType = format == WebhookFormat.Standard ? null : messageType ?? RobotMessageType.Text,
            Description = description,
            Status = WebhookStatus.Active,
            Owner = owner,
            CreatedBy = createdBy,
        };

        // Encrypted with the subscription's id as associated data, so the id must exist first.
        subscription.ProtectedSecret = protectSecret?.Invoke(subscription.Id);
        return subscription;
    }
}
