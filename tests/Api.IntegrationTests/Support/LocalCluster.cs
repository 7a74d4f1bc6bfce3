using System.Diagnostics;

namespace PolicyApi.Api.IntegrationTests.Support;

/// <summary>
/// The throwaway PostgreSQL cluster scripts/test.sh started (POLICYAPI_TEST_PG_DATA, POLICYAPI_TEST_PG_PORT): tests
/// may stop it as a crash would and start it again. Under Testcontainers or a server of one's own there is none.
/// </summary>
public static class LocalCluster
{
    public static string? DataDirectory => Environment.GetEnvironmentVariable("POLICYAPI_TEST_PG_DATA");

    public static string? Port => Environment.GetEnvironmentVariable("POLICYAPI_TEST_PG_PORT");

    public static bool Available => !string.IsNullOrEmpty(DataDirectory) && !string.IsNullOrEmpty(Port);

    /// <summary>Stops PostgreSQL at once (immediate mode: no checkpoint, connections cut, as in a crash).</summary>
    public static Task CrashAsync() => RunAsync("stop");

    public static Task StartAsync() => RunAsync("start");

    private static async Task RunAsync(string action)
    {
        var script = Path.Combine(RepositoryRoot(), "scripts", "lib", "pg-control.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, action, DataDirectory!, Port!])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg-control.sh {action} failed ({process.ExitCode}): {error}");
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PolicyApi.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (PolicyApi.sln) was not found above the test binaries.");
    }
}

/// <summary>A test that needs the local cluster scripts/test.sh starts; skipped, with the reason, anywhere else.</summary>
public sealed class LocalClusterFactAttribute : FactAttribute
{
    public LocalClusterFactAttribute()
    {
        if (!LocalCluster.Available)
        {
            Skip = "Needs the throwaway cluster of scripts/test.sh (POLICYAPI_TEST_PG_DATA); not available under Testcontainers or POLICYAPI_TEST_CONNECTION alone.";
        }
    }
}
