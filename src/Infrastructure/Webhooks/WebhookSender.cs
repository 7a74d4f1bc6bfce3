using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Polly.CircuitBreaker;
using Polly.Timeout;
using StandardWebhooks;

namespace PolicyApi.Infrastructure.Webhooks;

/// <summary>How one attempt went: 2xx (and, from a robot, errcode 0), or why not.</summary>
public sealed record SendResult(bool Succeeded, int? StatusCode, string? Error);

/// <summary>
/// Sends one event to one subscription in its format: the event's JSON signed per Standard Webhooks
/// (<c>webhook-id</c> = the event id, <c>webhook-timestamp</c>, <c>webhook-signature</c>), or a DingTalk or WeCom
/// robot message (DingTalk's signed URL when the robot has a secret). Through the <c>webhooks</c> HTTP client:
/// no redirects, no proxy, the target guard at each connection, a timeout and a circuit breaker per host and port.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, WebhookSecrets secrets, TimeProvider clock)
{
    public const string HttpClientName = "webhooks";

    private const int MaxBodyRead = 4096;

    public async Task<SendResult> SendAsync(WebhookSubscription subscription, OutboxEvent outboxEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(outboxEvent);
        var secret = subscription.ProtectedSecret is { } stored ? secrets.Unprotect(subscription.Id, stored) : null;
        using var request = Build(subscription, outboxEvent, secret, clock.GetUtcNow());
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                return new SendResult(false, status, $"The receiver answered {status}.");
            }

            if (subscription.Format != WebhookFormat.Standard && await RobotErrorAsync(response, cancellationToken) is { } robotError)
            {
                return new SendResult(false, status, robotError);
            }

            return new SendResult(true, status, null);
        }
        catch (BrokenCircuitException)
        {
            return new SendResult(false, null, "Not sent: the circuit to this endpoint is open after repeated failures.");
        }
        catch (Exception e) when (e is TimeoutRejectedException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new SendResult(false, null, "The receiver did not answer in time.");
        }
        catch (HttpRequestException e)
        {
            return new SendResult(false, null, Truncate(e.Message));
        }
    }

    /// <summary>The request an attempt sends (public so that its shape can be checked without a network).</summary>
    public static HttpRequestMessage Build(WebhookSubscription subscription, OutboxEvent outboxEvent, string? secret, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(outboxEvent);
        var url = subscription.Url;
        string body;
        if (subscription.Format == WebhookFormat.Standard)
        {
            body = outboxEvent.Payload;
        }
        else
        {
            body = RobotMessage(subscription.Format, subscription.MessageType ?? RobotMessageType.Text, outboxEvent).ToJsonString(WebhookJson.Options);
            if (subscription.Format == WebhookFormat.DingTalk && secret is not null)
            {
                url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + DingTalkSignature(secret, now);
            }
        }

        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("PolicyApi-Webhooks", "1"));
        request.Headers.TryAddWithoutValidation("webhook-id", outboxEvent.Id.ToString());
        if (subscription.Format == WebhookFormat.Standard && secret is not null)
        {
            request.Headers.TryAddWithoutValidation("webhook-timestamp", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            request.Headers.TryAddWithoutValidation("webhook-signature", new StandardWebhook(secret).Sign(outboxEvent.Id.ToString(), now, body));
        }

        return request;
    }

    /// <summary>A robot's message: text or markdown, with the event's one-line summary.</summary>
    public static JsonObject RobotMessage(WebhookFormat format, RobotMessageType type, OutboxEvent outboxEvent)
    {
        ArgumentNullException.ThrowIfNull(outboxEvent);
        if (type == RobotMessageType.Text)
        {
            return new JsonObject { ["msgtype"] = "text", ["text"] = new JsonObject { ["content"] = outboxEvent.Summary } };
        }

        var when = outboxEvent.OccurredAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var text = $"#### {outboxEvent.Summary}\n\n> {outboxEvent.Type} · {when}";
        return format == WebhookFormat.DingTalk
            ? new JsonObject { ["msgtype"] = "markdown", ["markdown"] = new JsonObject { ["title"] = outboxEvent.Summary, ["text"] = text } }
            : new JsonObject { ["msgtype"] = "markdown", ["markdown"] = new JsonObject { ["content"] = text } };
    }

    /// <summary>DingTalk's signed URL: timestamp (ms) and the base64 HMAC-SHA256 of "timestamp\nsecret" keyed by the secret, URL-encoded.</summary>
    public static string DingTalkSignature(string secret, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var timestamp = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var sign = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}\n{secret}")));
        return $"timestamp={timestamp}&sign={Uri.EscapeDataString(sign)}";
    }

    /// <summary>DingTalk and WeCom answer 200 with {"errcode": n, "errmsg": …}; anything but 0 is a failure.</summary>
    private static async Task<string?> RobotErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxBodyRead];
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += n;
        }

        try
        {
            using var json = JsonDocument.Parse(buffer.AsMemory(0, read));
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("errcode", out var code) && code.ValueKind == JsonValueKind.Number && code.GetInt32() != 0)
            {
                var message = json.RootElement.TryGetProperty("errmsg", out var m) ? m.ToString() : string.Empty;
                return Truncate($"The robot refused the message: errcode {code.GetInt32()} {message}");
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500];
}
