using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PolicyApi.Infrastructure.Startup;
using Respawn;
using Respawn.Graph;
using Testcontainers.PostgreSql;

namespace PolicyApi.Api.IntegrationTests.Support;

/// <summary>
/// One PostgreSQL database and one API host for the whole test run. The server is the one named by
/// POLICYAPI_TEST_CONNECTION (a superuser, or a role with CREATEROLE and CREATEDB; scripts/test.sh starts a
/// throwaway cluster and sets it), otherwise a Testcontainers postgres:15 when a Docker engine answers. Each run
/// gets its own database, owned by an owner role that migrates it; the API connects as the application role,
/// exactly as in production. The database is dropped at the end.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public const string ConnectionVariable = "POLICYAPI_TEST_CONNECTION";
    public const string OwnerRole = "policyapi_test_owner";
    public const string ApplicationRole = "policyapi_test_app";
    public const string RolePassword = "policyapi-test-only";
    public const string AuditKey = "dGVzdC1hdWRpdC1rZXktb25seS1mb3ItdGhlLXRlc3Qtc3VpdGUhIQ==";

    private PostgreSqlContainer? _container;
    private string _adminConnection = string.Empty;
    private string _databaseName = string.Empty;
    private Respawner? _respawner;

    /// <summary>The application role's connection: what the API uses.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>The owner role's connection: migrations, and emptying tables between tests.</summary>
    public string OwnerConnectionString { get; private set; } = string.Empty;

    /// <summary>A superuser's connection to the test database: what an attacker with database administrator rights holds.</summary>
    public string SuperuserConnectionString { get; private set; } = string.Empty;

    /// <summary>The file outside the database that audit checkpoints are written to.</summary>
    public string CheckpointFile { get; } = Path.Combine(Path.GetTempPath(), $"policyapi-test-checkpoints-{Guid.NewGuid():N}.jsonl");

    public PolicyApiFactory Factory { get; private set; } = null!;

    public TestClock Clock { get; } = new();

    public async Task InitializeAsync()
    {
        _adminConnection = Environment.GetEnvironmentVariable(ConnectionVariable) ?? string.Empty;
        if (string.IsNullOrWhiteSpace(_adminConnection))
        {
            try
            {
                _container = new PostgreSqlBuilder("postgres:15-alpine").Build();
                await _container.StartAsync();
            }
            catch (Exception e)
            {
                throw new InvalidOperationException(
                    $"No PostgreSQL for the integration tests: {ConnectionVariable} is not set and no Docker engine answered. Run scripts/test.sh, which starts a throwaway cluster.",
                    e);
            }

            _adminConnection = _container.GetConnectionString();
        }

        _databaseName = $"policyapi_test_{Guid.NewGuid():N}"[..32];
        await using (var admin = new NpgsqlConnection(_adminConnection))
        {
            await admin.OpenAsync();
            await using var roles = new NpgsqlCommand(
                $"""
                DO $$ BEGIN
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{OwnerRole}') THEN CREATE ROLE {OwnerRole} LOGIN PASSWORD '{RolePassword}'; END IF;
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{ApplicationRole}') THEN CREATE ROLE {ApplicationRole} LOGIN PASSWORD '{RolePassword}'; END IF;
                END $$;
                """,
                admin);
            await roles.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_databaseName}\" OWNER {OwnerRole} ENCODING 'UTF8' TEMPLATE template0", admin);
            await create.ExecuteNonQueryAsync();
        }

        SuperuserConnectionString = new NpgsqlConnectionStringBuilder(_adminConnection) { Database = _databaseName }.ConnectionString;
        OwnerConnectionString = As(OwnerRole);
        ConnectionString = As(ApplicationRole);
        await DatabaseMigrator.MigrateAsync(OwnerConnectionString, ApplicationRole, NullLogger.Instance, CancellationToken.None);
        Factory = new PolicyApiFactory(ConnectionString, Clock, CheckpointFile);
        _ = Factory.Server; // starts the host: waits for the database and checks the schema is current

        await using var connection = new NpgsqlConnection(OwnerConnectionString);
        await connection.OpenAsync();
        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["policy"],
            TablesToIgnore = [new Table("policy", "__ef_migrations_history"), new Table("policy", "audit_entries"), new Table("policy", "obligation_state")],
        });
    }

    /// <summary>Empties every table and the checkpoint file, so each test starts from a clean database and a fresh audit log.</summary>
    public async Task ResetAsync()
    {
        Clock.Reset();
        await using var connection = new NpgsqlConnection(OwnerConnectionString);
        await connection.OpenAsync();

        // The service's background work (the webhook dispatcher, housekeeping) may hold row locks the reset's deletes
        // meet in another order: PostgreSQL then ends one side with a deadlock, and the reset simply runs again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _respawner!.ResetAsync(connection);
                break;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
                await Task.Delay(50 * attempt);
            }
        }

        // The audit log refuses DELETE for every role; a test database starts a fresh log with TRUNCATE,
        // which only the owner may run (the application's role has no TRUNCATE right).
        await using var truncate = new NpgsqlCommand("TRUNCATE policy.audit_entries", connection);
        await truncate.ExecuteNonQueryAsync();
        File.Delete(CheckpointFile);
    }

    private string As(string role) =>
        new NpgsqlConnectionStringBuilder(_adminConnection) { Database = _databaseName, Username = role, Password = RolePassword }.ConnectionString;

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using (var admin = new NpgsqlConnection(_adminConnection))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        if (_container is not null)
        {
            await _container.DisposeAsync();
        }

        File.Delete(CheckpointFile);
    }
}

public sealed class PolicyApiFactory(string connectionString, TimeProvider clock, string checkpointFile) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Policy", connectionString);
        builder.UseSetting("Audit:SigningKey", ApiFixture.AuditKey);
        builder.UseSetting("Audit:CheckpointFile", checkpointFile);
        builder.UseSetting("Audit:CheckpointInterval", "1.00:00:00");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Auth:SigningKey", Tokens.SigningKey);
        builder.UseSetting("Auth:Issuer", Tokens.Issuer);
        builder.UseSetting("Auth:Audience", Tokens.Audience);
        builder.UseSetting("Limits:PermitsPerMinute", "1000000");

        // The housekeeping jobs that write across the tables: the tests run them themselves (a run at start would
        // race the database reset between tests).
        builder.UseSetting("Reminders:Enabled", "false");
        builder.UseSetting("Supervision:StatusCheckEnabled", "false");

        // Webhook receivers run inside the tests, on loopback; retries and giving up take a moment, not hours.
        builder.UseSetting("Webhooks:AllowLoopback", "true");
        builder.UseSetting("Webhooks:PollInterval", "00:00:00.100");
        builder.UseSetting("Webhooks:Concurrency", "2");
        builder.UseSetting("Webhooks:RetryBaseDelay", "00:00:00.100");
        builder.UseSetting("Webhooks:RetryMaxDelay", "00:00:00.500");
        builder.UseSetting("Webhooks:GiveUpAfter", "00:00:03");
        builder.UseSetting("Webhooks:AttemptTimeout", "00:00:05");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(clock);
            services.ConfigureDbContext<PolicyApi.Infrastructure.Persistence.PolicyDbContext>(o => o.AddInterceptors(new FaultInjection()));
        });
    }
}

[CollectionDefinition(Name)]
public sealed class ApiTestGroup : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
