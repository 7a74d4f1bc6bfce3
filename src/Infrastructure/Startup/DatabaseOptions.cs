namespace PolicyApi.Infrastructure.Startup;

/// <summary>Configuration section <c>Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>
    /// Refuse to start when connected as a superuser or as (a member of) the owner of the tables. On everywhere but
    /// Development (appsettings.Development.json turns it off; the service then only warns).
    /// </summary>
    public bool RequireLeastPrivilege { get; set; } = true;

    /// <summary>The login role the service connects as, granted its rights by the <c>migrate</c> command.</summary>
    public string? ApplicationRole { get; set; }

    /// <summary>How many times to retry reaching PostgreSQL at startup before giving up.</summary>
    public int StartupRetries { get; set; } = 8;

    /// <summary>First retry delay; later delays grow exponentially, with jitter, up to <see cref="StartupMaxDelay"/>.</summary>
    public TimeSpan StartupBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan StartupMaxDelay { get; set; } = TimeSpan.FromSeconds(30);
}
