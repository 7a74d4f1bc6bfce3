using System.Text.RegularExpressions;
using Npgsql;
using PolicyApi.Infrastructure.Persistence;

namespace PolicyApi.Infrastructure.Startup;

/// <summary>
/// Applies the EF Core migrations as the schema's owner, then grants the application's login role exactly what the
/// service needs: DML on its tables; on the audit log INSERT and SELECT only; reading (not writing) the migration
/// history. No DDL, no TRUNCATE, no trigger changes, no ownership. Run by the API's <c>migrate</c> command (scripts,
/// compose, the Kubernetes Job) and by the integration tests — never by the service itself.
/// </summary>
public static partial class DatabaseMigrator
{
    public static async Task MigrateAsync(string ownerConnectionString, string? applicationRole, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(logger);
        if (applicationRole is not null && !RoleName().IsMatch(applicationRole))
        {
            throw new InvalidOperationException($"Database:ApplicationRole '{applicationRole}' is not a plain role name (lower-case letters, digits, underscores).");
        }

        var options = new DbContextOptionsBuilder<PolicyDbContext>()
            .UseNpgsql(ownerConnectionString, o => o.MigrationsHistoryTable("__ef_migrations_history", PolicyDbContext.Schema).CommandTimeout(600))
            .UseSnakeCaseNamingConvention()
            .Options;
        await using (var db = new PolicyDbContext(options))
        {
            await db.Database.MigrateAsync(cancellationToken);
            var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).LastOrDefault();
            LogMigrated(logger, applied ?? "(none)");
        }

        if (applicationRole is null)
        {
            LogNoRole(logger);
            return;
        }

        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var grant = new NpgsqlCommand(GrantSql(applicationRole), connection);
        await grant.ExecuteNonQueryAsync(cancellationToken);
        LogGranted(logger, applicationRole);
    }

    /// <summary>The application role's rights, re-granted after every migration (new tables included).</summary>
    public static string GrantSql(string role) => $"""
        GRANT USAGE ON SCHEMA policy TO "{role}";
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA policy TO "{role}";
        REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON policy.audit_entries FROM "{role}";
        REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON policy.__ef_migrations_history FROM "{role}";
        GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA policy TO "{role}";
        """;

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex RoleName();

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema is at migration {Migration}")]
    private static partial void LogMigrated(ILogger logger, string migration);

    [LoggerMessage(Level = LogLevel.Information, Message = "Granted the application role {Role} its rights on schema policy")]
    private static partial void LogGranted(ILogger logger, string role);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No application role configured (Database:ApplicationRole): no rights granted. The service must not connect as the owner.")]
    private static partial void LogNoRole(ILogger logger);
}
