namespace PolicyApi.Infrastructure.Webhooks;

/// <summary>Configuration section <c>Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Whether this replica runs the dispatcher (every replica may: deliveries are claimed with SKIP LOCKED).</summary>
    public bool DispatcherEnabled { get; set; } = true;

    /// <summary>How often the dispatcher looks for deliveries due when it found none.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many deliveries (of different subscriptions) one replica sends at once.</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>The wait after the first failed attempt; it doubles after each one, up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long after it was written a delivery is given up (and its subscription marked failing).</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long one attempt may take, connection included.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Failures (of attempts to one host and port) that open its circuit: ratio of the sampled attempts…</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>…among at least this many attempts in <see cref="BreakerSamplingDuration"/>.</summary>
    public int BreakerMinimumThroughput { get; set; } = 10;

    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an open circuit refuses attempts to its endpoint (they count as failed, and are retried later).</summary>
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Allow target URLs on loopback addresses (tests, a receiver beside the service). Off in production.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Allow target URLs on private and link-local networks. Off in production.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>How long delivered (or given up) events are kept, with their deliveries and attempts.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>
    /// The key (base64, 32 bytes) that encrypts subscription secrets at rest. When not set, one is derived from
    /// Audit:SigningKey, which is also kept out of the database.
    /// </summary>
    public string? SecretKey { get; set; }
}
