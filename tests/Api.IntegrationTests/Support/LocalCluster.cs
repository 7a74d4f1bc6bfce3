using System.Diagnostics;
using System.Globalization;

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
    public static Task CrashAsync() => RunAsync("stop", DataDirectory!, Port!);

    public static Task StartAsync() => RunAsync("start", DataDirectory!, Port!);

    /// <summary>Makes <paramref name="directory"/> a streaming standby of this cluster (pg_basebackup -R) and starts it on <paramref name="port"/>.</summary>
    public static Task StartStandbyAsync(string directory, int port) =>
        RunAsync("standby", directory, port.ToString(CultureInfo.InvariantCulture), Port!);

    /// <summary>Stops a standby and removes its folder.</summary>
    public static Task DestroyAsync(string directory, int port) => RunAsync("destroy", directory, port.ToString(CultureInfo.InvariantCulture));

    private static async Task RunAsync(string action, params string[] arguments)
    {
        var script = Path.Combine(RepositoryRoot(), "scripts", "lib", "pg-control.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, action, .. arguments])
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
