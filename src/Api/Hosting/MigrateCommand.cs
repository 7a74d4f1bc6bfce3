using Npgsql;
using PolicyApi.Infrastructure;
using PolicyApi.Infrastructure.Startup;

namespace PolicyApi.Api.Hosting;

/// <summary>
/// <c>dotnet PolicyApi.Api.dll migrate</c>: applies the migrations as the owner role
/// (<c>ConnectionStrings:PolicyOwner</c>, else <c>ConnectionStrings:Policy</c>) and grants the application role
/// (<c>Database:ApplicationRole</c>, else the user of <c>ConnectionStrings:Policy</c>) its rights. Waits for
/// PostgreSQL like the service does. Exit code 0 on success. Used by scripts/run.sh, compose and the Kubernetes Job.
/// </summary>
public static class MigrateCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        var configuration = builder.Configuration;
        var owner = configuration.GetConnectionString("PolicyOwner") ?? configuration.GetConnectionString(DependencyInjection.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(owner))
        {
            await Console.Error.WriteLineAsync("migrate: set ConnectionStrings__PolicyOwner (the owner role) — and ConnectionStrings__Policy or Database__ApplicationRole for the role the service uses.");
            return 2;
        }

        var role = configuration["Database:ApplicationRole"] is { Length: > 0 } configured
            ? configured
            : configuration.GetConnectionString(DependencyInjection.ConnectionStringName) is { Length: > 0 } app
                ? new NpgsqlConnectionStringBuilder(app).Username
                : null;
        if (role is not null && role == new NpgsqlConnectionStringBuilder(owner).Username)
        {
            role = null; // one role for both (a local trial): nothing to grant
        }

        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PolicyApi.Migrate");
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        await DatabaseStartup.WaitForServerAsync(owner, configuration, logger, stop.Token);
        await DatabaseMigrator.MigrateAsync(owner, role, logger, stop.Token);
        return 0;
    }
}
