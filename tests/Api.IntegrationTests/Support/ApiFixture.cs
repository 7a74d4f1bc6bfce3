using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Respawn;
using Respawn.Graph;
using Testcontainers.PostgreSql;

namespace PolicyApi.Api.IntegrationTests.Support;

/// <summary>
/// One PostgreSQL database and one API host for the whole test run. The server is the one named by
/// POLICYAPI_TEST_CONNECTION (scripts/test.sh starts a throwaway cluster and sets it), otherwise a
/// Testcontainers postgres:15 when a Docker engine answers. Each run gets its own database, dropped at the end.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public const string ConnectionVariable = "POLICYAPI_TEST_CONNECTION";

    private PostgreSqlContainer? _container;
    private string _adminConnection = string.Empty;
    private string _databaseName = string.Empty;
    private Respawner? _respawner;

    public string ConnectionString { get; private set; } = string.Empty;

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
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_databaseName}\" ENCODING 'UTF8' TEMPLATE template0", admin);
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(_adminConnection) { Database = _databaseName }.ConnectionString;
        Factory = new PolicyApiFactory(ConnectionString, Clock);
        _ = Factory.Server; // starts the host: waits for the database and applies migrations

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["policy"],
            TablesToIgnore = [new Table("policy", "__ef_migrations_history"), new Table("policy", "audit_entries")],
        });
    }

    /// <summary>Empties every table, so each test starts from a clean database.</summary>
    public async Task ResetAsync()
    {
        Clock.Reset();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await _respawner!.ResetAsync(connection);

        // The audit log refuses DELETE for every role; a test database starts a fresh log with TRUNCATE,
        // which only the owner may run (the application's role has no TRUNCATE right in production).
        await using var truncate = new NpgsqlCommand("TRUNCATE policy.audit_entries", connection);
        await truncate.ExecuteNonQueryAsync();
    }

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
    }
}

public sealed class PolicyApiFactory(string connectionString, TimeProvider clock) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Policy", connectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Auth:SigningKey", Tokens.SigningKey);
        builder.UseSetting("Auth:Issuer", Tokens.Issuer);
        builder.UseSetting("Auth:Audience", Tokens.Audience);
        builder.UseSetting("Limits:PermitsPerMinute", "1000000");
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
