using System.Text.Json.Serialization;

namespace PolicyApi.Infrastructure.Webhooks;

/// <summary>
/// The events a subscription may ask for, as receivers name them. Report and document events are recorded from the
/// changes a SaveChanges makes (<see cref="WebhookEventRecorder"/>); the obligation events are written by a reminder
/// job through <see cref="EventOutbox"/>.
/// </summary>
public enum WebhookEventType
{
    [JsonStringEnumMemberName("report.submitted")]
    ReportSubmitted,

    [JsonStringEnumMemberName("report.accepted")]
    ReportAccepted,

    [JsonStringEnumMemberName("report.returned")]
    ReportReturned,

    [JsonStringEnumMemberName("document.published")]
    DocumentPublished,

    [JsonStringEnumMemberName("obligation.dueSoon")]
    ObligationDueSoon,

    [JsonStringEnumMemberName("obligation.overdue")]
    ObligationOverdue,

    /// <summary>A target's attainment status changed (e.g. onTrack → behind), as the hourly check saw it.</summary>
    [JsonStringEnumMemberName("target.statusChanged")]
    TargetStatusChanged,
}

public static class WebhookEventTypes
{
    private static readonly Dictionary<WebhookEventType, string> Names = Enum.GetValues<WebhookEventType>().ToDictionary(
        t => t,
        t => typeof(WebhookEventType).GetField(t.ToString())!.GetCustomAttributes(typeof(JsonStringEnumMemberNameAttribute), false)
            .Cast<JsonStringEnumMemberNameAttribute>().Single().Name);

    /// <summary>The event's wire name, e.g. report.submitted: its <c>type</c> and what subscriptions store.</summary>
    public static string NameOf(WebhookEventType type) => Names[type];

    public static WebhookEventType? Parse(string name) =>
        Names.FirstOrDefault(n => string.Equals(n.Value, name, StringComparison.Ordinal)) is { Value: not null } found ? found.Key : null;

    /// <summary>Whether the event is about a progress report (a system client needs to be able to read reports to receive it).</summary>
    public static bool IsAboutReports(WebhookEventType type) => type is not WebhookEventType.DocumentPublished;
}
