using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using PolicyApi.Infrastructure;
using PolicyApi.Infrastructure.Startup;

namespace PolicyApi.Api.IntegrationTests.Startup;

public sealed class DatabaseStartupTests
{
    [Fact]
    public async Task Prepare_WhenPostgresDoesNotAnswer_RetriesTheConfiguredNumberOfTimesLoggingEachThenFails()
    {
        var logs = new CapturingLoggerProvider();
        await using var services = Services($"Host=127.0.0.1;Port={ClosedPort()};Database=policyapi;Username=postgres;Timeout=2", logs);

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => DatabaseStartup.PrepareDatabaseAsync(services, CancellationToken.None));

        var waits = logs.Messages.Where(m => m.Contains("not reachable yet", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, waits.Count);
        Assert.Contains("attempt 1 of 3", waits[0], StringComparison.Ordinal);
        Assert.Contains("attempt 3 of 3", waits[2], StringComparison.Ordinal);
    }

    private static ServiceProvider Services(string connectionString, ILoggerProvider logs)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Policy"] = connectionString,
            ["Database:StartupRetries"] = "3",
            ["Audit:SigningKey"] = Support.ApiFixture.AuditKey,
            ["Database:StartupBaseDelay"] = "00:00:00.010",
            ["Database:StartupMaxDelay"] = "00:00:00.050",
        }).Build();
        return new ServiceCollection()
            .AddLogging(b => b.AddProvider(logs))
            .AddPolicyInfrastructure(configuration)
            .BuildServiceProvider();
    }

    private static int ClosedPort() => Support.Loopback.FreePort();

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Messages.Enqueue(formatter(state, exception));
        }
    }
}
