using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace PolicyApi.Benchmarks;

// Builds a large supervision data set in a fresh database, then times the questions a supervisor asks —
// the bulletin, the rankings, the overdue and due lists, a target's attainment — through the real HTTP
// pipeline (in-process server), and prints the figures. A benchmark, not a test: it asserts nothing.
internal static class BenchKey
{
    // The documented development key: the benchmark host is a throwaway, in-process server.
    public const string SigningKey = "cG9saWN5YXBpLWRldmVsb3BtZW50LWtleS1ub3QtYS1zZWNyZXQhIQ==";

    public const string AuditKey = "cG9saWN5YXBpLWF1ZGl0LWRldmVsb3BtZW50LWtleS1ub3QtYS1zZWNyZXQ=";
}

internal static class SupervisionBenchmark
{
    public static async Task Main()
    {
        var admin = Environment.GetEnvironmentVariable("POLICYAPI_BENCH_CONNECTION")
            ?? throw new InvalidOperationException("Set POLICYAPI_BENCH_CONNECTION, or run scripts/bench.sh, which starts a throwaway PostgreSQL.");
        var iterations = int.Parse(Environment.GetEnvironmentVariable("POLICYAPI_BENCH_ITERATIONS") ?? "10", CultureInfo.InvariantCulture);
        // Scale 1: 200 units, 500 measures, ≈1.9 M rows; scale 10: 2,000 units, 5,000 measures, ≈15 M rows.
        var scale = int.Parse(Environment.GetEnvironmentVariable("POLICYAPI_BENCH_SCALE") ?? "1", CultureInfo.InvariantCulture);
        // Reuse the data set a previous run of the same scale left (seeding scale 10 takes a while).
        var reuse = Environment.GetEnvironmentVariable("POLICYAPI_BENCH_REUSE") == "1";
        var database = scale == 1 ? "policyapi_bench" : $"policyapi_bench_x{scale}";

        bool seeded;
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            var exists = (bool)(await new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = '{database}')", connection).ExecuteScalarAsync())!;
            seeded = reuse && exists;
            if (!seeded)
            {
                await new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection).ExecuteNonQueryAsync();
                await new NpgsqlCommand($"CREATE DATABASE {database} ENCODING 'UTF8' TEMPLATE template0", connection).ExecuteNonQueryAsync();
            }
        }

        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database, CommandTimeout = 3600 }.ConnectionString;
        // A throwaway database: migrated and served by one administrative role (the least-privilege check is off).
        await PolicyApi.Infrastructure.Startup.DatabaseMigrator.MigrateAsync(connectionString, null, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, CancellationToken.None);
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSolutionRelativeContentRoot("src/Api", "PolicyApi.sln");
            b.UseSetting("ConnectionStrings:Policy", connectionString);
            b.UseSetting("Database:RequireLeastPrivilege", "false");
            b.UseSetting("Audit:SigningKey", BenchKey.AuditKey);
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            b.UseSetting("Auth:SigningKey", BenchKey.SigningKey);
            // The housekeeping jobs run once at start: the target-status check over every target (a 6 s statement at
            // scale 10) and the reminders would overlap the timed requests. They are not what a supervisor waits for.
            b.UseSetting("Reminders:Enabled", "false");
            b.UseSetting("Supervision:StatusCheckEnabled", "false");
        });
        using var client = factory.CreateClient(); // starts the host, which applies the migrations
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            PolicyApi.Api.Security.Authentication.MintDevelopmentToken(
                new PolicyApi.Api.Security.AuthOptions { SigningKey = BenchKey.SigningKey }, PolicyApi.Api.Security.Roles.Supervisor, null, "benchmark", null, DateTimeOffset.UtcNow));

        Console.WriteLine(seeded
            ? $"Reusing the data set of scale {scale} in {database}. Rows:"
            : $"Seeding at scale {scale} ({200 * scale} units, {500 * scale} measures, {100 * scale} targets, 3 years of weekly and monthly reports)…");
        var seedTimer = Stopwatch.StartNew();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            if (!seeded)
            {
                using var reader = new StreamReader(Assembly.GetExecutingAssembly().GetManifestResourceStream("PolicyApi.Benchmarks.Seed.sql")!);
                var seed = (await reader.ReadToEndAsync())
                    .Replace("{units}", (200 * scale).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                    .Replace("{districts}", (20 * scale).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                    .Replace("{documents}", (5 * scale).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
                await new NpgsqlCommand(seed, connection) { CommandTimeout = 7200 }.ExecuteNonQueryAsync();
                Console.WriteLine($"Seeded in {seedTimer.Elapsed.TotalSeconds:F1} s. Rows:");
            }

            long total = 0;
            foreach (var table in new[] { "responsible_units", "documents", "measures", "measure_assignments", "targets", "target_allocations", "progress_reports", "progress_report_revisions", "reporting_duties", "reporting_obligations" })
            {
                var count = (long)(await new NpgsqlCommand($"SELECT count(*) FROM policy.{table}", connection).ExecuteScalarAsync())!;
                total += count;
                Console.WriteLine($"  {table,-28}{count,12:N0}");
            }

            Console.WriteLine($"  {"total",-28}{total,12:N0}");
        }

        if (Environment.GetEnvironmentVariable("POLICYAPI_BENCH_SEED_ONLY") == "1")
        {
            // scripts/load.sh only needs the data set.
            Console.WriteLine($"Data set ready in {database}.");
            return;
        }

        string documentId, targetId, unitId;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            documentId = (await new NpgsqlCommand("SELECT id FROM policy.documents ORDER BY doc_number LIMIT 1", connection).ExecuteScalarAsync())!.ToString()!;
            targetId = (await new NpgsqlCommand($"SELECT id FROM policy.targets WHERE document_id = '{documentId}' LIMIT 1", connection).ExecuteScalarAsync())!.ToString()!;
            // A department (the first 20 × scale units are districts): 市第100局 at scale 1, 市第280局 at scale 10.
            var department = $"市第{(20 * scale) + 80}局";
            unitId = (await new NpgsqlCommand($"SELECT id FROM policy.responsible_units WHERE name = '{department}'", connection).ExecuteScalarAsync())!.ToString()!;
        }

        var cases = new (string Name, string Url)[]
        {
            ("bulletin, one document, 2021-Q2 (JSON)", $"/api/v1/bulletins?documentId={documentId}&period=2021-Q2&asOf=2021-07-10"),
            ("bulletin, one document, 2021-Q2 (XLSX)", $"/api/v1/bulletins?documentId={documentId}&period=2021-Q2&asOf=2021-07-10&format=xlsx"),
            ("rankings, one target, 2021-06-30", $"/api/v1/supervision/rankings?targetId={targetId}&asOf=2021-06-30"),
            ("attainment, one target, 2021-06-30", $"/api/v1/targets/{targetId}/attainment?asOf=2021-06-30"),
            ("overdue, one document, first 100", $"/api/v1/supervision/overdue?asOf=2022-01-10&documentId={documentId}&limit=100"),
            ("overdue, all documents, first 100", $"/api/v1/supervision/overdue?asOf=2022-01-10&limit=100"),
            ("overdue, one unit, all documents", $"/api/v1/supervision/overdue?asOf=2022-01-10&unitId={unitId}&limit=100"),
            ("due, all documents, first 100", $"/api/v1/supervision/due?asOf=2022-01-10&limit=100"),
            ("due, one document, first 100", $"/api/v1/supervision/due?asOf=2022-01-10&documentId={documentId}&limit=100"),
            ("due, one unit, all documents", $"/api/v1/supervision/due?asOf=2022-01-10&unitId={unitId}&limit=100"),
        };

        Console.WriteLine();
        Console.WriteLine($"Timings over {iterations} runs after 2 warm-ups (ms), on {Environment.ProcessorCount} cores:");
        Console.WriteLine($"  {"query",-40}{"min",9}{"median",9}{"p95",9}{"max",9}  items/bytes");
        foreach (var (name, url) in cases)
        {
            long size = 0;
            for (var i = 0; i < 2; i++)
            {
                using var warm = await client.GetAsync(url);
                warm.EnsureSuccessStatusCode();
                size = (await warm.Content.ReadAsByteArrayAsync()).LongLength;
            }

            var times = new List<double>();
            for (var i = 0; i < iterations; i++)
            {
                var timer = Stopwatch.StartNew();
                using var response = await client.GetAsync(url);
                await response.Content.ReadAsByteArrayAsync();
                timer.Stop();
                response.EnsureSuccessStatusCode();
                times.Add(timer.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            double At(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
            Console.WriteLine($"  {name,-40}{times[0],9:F1}{At(0.5),9:F1}{At(0.95),9:F1}{times[^1],9:F1}  {size:N0} B");
        }

        // What a change of a document's cadence, status or period costs inside its request: its obligations rebuilt
        // (in a transaction rolled back, so the data set stays as seeded).
        var rebuilds = new List<double>();
        long rows = 0;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            for (var i = 0; i < 3; i++)
            {
                await using var transaction = await connection.BeginTransactionAsync();
                var timer = Stopwatch.StartNew();
                await new NpgsqlCommand($"SELECT policy.refresh_obligations('{documentId}', NULL)", connection, transaction).ExecuteNonQueryAsync();
                rebuilds.Add(timer.Elapsed.TotalMilliseconds);
                rows = (long)(await new NpgsqlCommand($"SELECT count(*) FROM policy.reporting_obligations WHERE document_id = '{documentId}'", connection, transaction).ExecuteScalarAsync())!;
                await transaction.RollbackAsync();
            }
        }

        rebuilds.Sort();
        Console.WriteLine($"  {"obligations of one document rebuilt",-40}{rebuilds[0],9:F1}{rebuilds[1],9:F1}{"",9}{rebuilds[^1],9:F1}  {rows:N0} rows (3 runs)");
    }
}
