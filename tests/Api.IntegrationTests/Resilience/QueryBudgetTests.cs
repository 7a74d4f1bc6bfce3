using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using PolicyApi.Api.IntegrationTests.Support;

namespace PolicyApi.Api.IntegrationTests.Resilience;

/// <summary>A query past its budget: the caller gets a 503 problem with Retry-After, and PostgreSQL stops the statement.</summary>
public sealed class QueryBudgetTests(ApiFixture fixture) : RegistryTest(fixture)
{
    [Fact]
    public async Task List_BlockedPastItsBudget_Is503WithRetryAfter_AndTheStatementIsCancelledInPostgreSql()
    {
        await CreateDocument();
        await using var host = Fixture.Factory.WithWebHostBuilder(b => b.UseSetting("Database:Budgets:List", "00:00:01"));
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = Tokens.Bearer(Tokens.For("reader", subject: "budget-reader"));

        // Another session holds the table: the list can only wait for it.
        await using var blocker = new NpgsqlConnection(Fixture.SuperuserConnectionString);
        await blocker.OpenAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE policy.documents IN ACCESS EXCLUSIVE MODE", blocker, transaction))
        {
            await lockTable.ExecuteNonQueryAsync();
        }

        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync("/api/v1/documents");
        clock.Stop();
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("urn:policyapi:problem:query-timeout", (string?)JsonNode.Parse(text)!["type"]);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"Answered after {clock.Elapsed.TotalSeconds:F1} s");

        // No statement of the service is left waiting on the lock.
        await using var check = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%documents%'",
            blocker,
            transaction);
        Assert.Equal(0L, (long)(await check.ExecuteScalarAsync())!);
        await transaction.RollbackAsync();
    }
}
