using Microsoft.Extensions.Hosting;

namespace PolicyApi.Infrastructure.Startup;

/// <summary>Prepares the database when the host starts, before the server accepts requests.</summary>
public sealed class DatabaseStartupService(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => DatabaseStartup.PrepareDatabaseAsync(services, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
