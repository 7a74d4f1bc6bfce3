namespace PolicyApi.Infrastructure.Startup;

/// <summary>Configuration section <c>Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Apply pending EF Core migrations at startup. Off by default; the run script turns it on.</summary>
    public bool MigrateOnStartup { get; set; }

    /// <summary>How many times to retry reaching PostgreSQL at startup before giving up.</summary>
    public int StartupRetries { get; set; } = 8;

    /// <summary>First retry delay; later delays grow exponentially, with jitter, up to <see cref="StartupMaxDelay"/>.</summary>
    public TimeSpan StartupBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan StartupMaxDelay { get; set; } = TimeSpan.FromSeconds(30);
}
