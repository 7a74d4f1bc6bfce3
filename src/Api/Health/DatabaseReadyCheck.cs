using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace PolicyApi.Api.Health;

/// <summary>
/// Ready when PostgreSQL answers within the probe's budget and every migration this build knows is applied. A plain
/// connection with a short timeout and no retries: a probe must answer (within a second) rather than wait. Once the
/// schema was found current it stays so for this process (migrations only move forward), so later probes only ping.
/// </summary>
public sealed class DatabaseReadyCheck(PolicyDbContext db) : IHealthCheck
{
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(800);
    private static volatile bool schemaCurrent;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Budget);
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Timeout = 1, Pooling = true };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(budget.Token);
            await using var ping = new NpgsqlCommand("SELECT 1", connection) { CommandTimeout = 1 };
            await ping.ExecuteScalarAsync(budget.Token);
            if (!schemaCurrent)
            {
                var pending = db.Database.GetMigrations().Except(await AppliedAsync(connection, budget.Token)).ToList();
                if (pending.Count > 0)
                {
                    return HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied: {string.Join(", ", pending)}.");
                }

                schemaCurrent = true;
            }

            return HealthCheckResult.Healthy("PostgreSQL reachable; schema up to date.");
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL is not reachable.");
        }
    }

    private static async Task<HashSet<string>> AppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT migration_id FROM {PolicyDbContext.Schema}.__ef_migrations_history", connection) { CommandTimeout = 1 };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var applied = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied.Add(reader.GetString(0));
        }

        return applied;
    }
}
