namespace PolicyApi.Infrastructure.Auditing;

/// <summary>Configuration section <c>Audit</c>: the key that seals the log, and where its checkpoints go.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>The documented development key (appsettings.Development.json): refused outside Development and Testing.</summary>
    public const string DocumentedDevelopmentKey = "cG9saWN5YXBpLWF1ZGl0LWRldmVsb3BtZW50LWtleS1ub3QtYS1zZWNyZXQ=";

    /// <summary>Base64 of at least 32 bytes. Held by the application only (a KMS or Kubernetes secret), never by the database.</summary>
    public string? SigningKey { get; set; }

    /// <summary>The id recorded with each row, so that a rotated key can still verify the rows it sealed.</summary>
    public string SigningKeyId { get; set; } = "k1";

    /// <summary>Earlier keys by id (base64), kept to verify rows sealed before a rotation.</summary>
    public Dictionary<string, string> VerificationKeys { get; set; } = [];

    /// <summary>A file outside the database to which each checkpoint is appended (one JSON line each); verify reads the newest.</summary>
    public string? CheckpointFile { get; set; }

    /// <summary>A URL each checkpoint is POSTed to (an archive or a monitoring system outside the database).</summary>
    public Uri? CheckpointWebhook { get; set; }

    /// <summary>How often a checkpoint of the chain's head is taken (and once at startup).</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(5);
}
