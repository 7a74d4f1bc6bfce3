using Npgsql;
using PolicyApi.Infrastructure.Persistence;

namespace PolicyApi.Api.IntegrationTests.Startup;

/// <summary>The settings the service adds to its connection string, and that a connection string's own settings win.</summary>
public sealed class ConnectionSettingsTests
{
    [Fact]
    public void Apply_ToAPlainConnectionString_AddsTheServiceSettings()
    {
        var applied = new NpgsqlConnectionStringBuilder(ConnectionSettings.Apply("Host=db;Username=app", new QueryBudgetOptions()));

        Assert.Equal(2, applied.Timeout);
        Assert.True(applied.NoResetOnClose);
        Assert.Equal(64, applied.MaxAutoPrepare);
        Assert.Contains("-c statement_timeout=35000", applied.Options, StringComparison.Ordinal);
        Assert.Contains("-c jit=off", applied.Options, StringComparison.Ordinal);
        Assert.Contains("-c plan_cache_mode=force_custom_plan", applied.Options, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_KeepsWhatTheConnectionStringSets_WhateverItsSpelling()
    {
        var applied = new NpgsqlConnectionStringBuilder(ConnectionSettings.Apply(
            "Host=db;Username=app;Timeout=9;NoResetOnClose=false;Max Auto Prepare=0;Options=-c jit=on",
            new QueryBudgetOptions()));

        Assert.Equal(9, applied.Timeout);
        Assert.False(applied.NoResetOnClose);
        Assert.Equal(0, applied.MaxAutoPrepare);
        Assert.DoesNotContain("jit=off", applied.Options, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_WithACommandTimeout_StillShortensTheConnectTimeout()
    {
        // "Command Timeout" is not the connect timeout: an unreachable server is still answered within seconds.
        var applied = new NpgsqlConnectionStringBuilder(ConnectionSettings.Apply("Host=db;Username=app;Command Timeout=60", new QueryBudgetOptions()));

        Assert.Equal(2, applied.Timeout);
        Assert.Equal(60, applied.CommandTimeout);
    }
}
