using System.Diagnostics;
using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using PolicyApi.Api.IntegrationTests.Support;

namespace PolicyApi.Api.IntegrationTests.Conventions;

/// <summary>
/// Every curl example of README.md runs exactly as written (scripts/readme-examples.sh) against the API served by
/// Kestrel on a loopback port, loaded with the demo data as scripts/run.sh loads it: an example that sends raw Chinese
/// in a URL, collides with the demo data or names a placeholder fails here.
/// </summary>
public sealed class ReadmeExamplesTests(ApiFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task EveryCurlExampleOfTheReadme_RunsAgainstARunningServiceWithoutAnError()
    {
        var root = RepositoryRoot();
        var checkpoints = Path.Combine(Path.GetTempPath(), $"policyapi-readme-checkpoints-{Guid.NewGuid():N}.jsonl");
        await using var service = Fixture.Factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("DemoData:Directory", Path.Combine(root, "data", "seeds"));
            builder.UseSetting("Audit:CheckpointFile", checkpoints);
        });
        service.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        service.StartServer();
        var address = service.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        try
        {
            var (exit, output) = await RunAsync(root, "bash", Path.Combine(root, "scripts", "readme-examples.sh"), address);

            Assert.True(exit == 0, $"scripts/readme-examples.sh {address} exited with {exit}:\n{output}");
            Assert.Matches(@"ran \d+ curl commands from [3-9] README blocks", output);
        }
        finally
        {
            File.Delete(checkpoints);
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PolicyApi.sln")) && File.Exists(Path.Combine(directory.FullName, "README.md")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No repository (PolicyApi.sln, README.md) above {AppContext.BaseDirectory}.");
    }

    /// <summary>Runs a command to its end (at most 10 minutes) and returns its exit code with stdout and stderr interleaved.</summary>
    private static async Task<(int Exit, string Output)> RunAsync(string workingDirectory, string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // dev-token.sh uses the build of the configuration these tests were built in (scripts/test.sh has just built it).
        start.Environment["CONFIGURATION"] = typeof(Program).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

        var output = new System.Text.StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} {string.Join(' ', arguments)} did not finish in 10 minutes:\n{output}");
        }

        process.WaitForExit(); // flushes the redirected streams
        return (process.ExitCode, output.ToString());

        void Append(string? line)
        {
            if (line is not null)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        }
    }
}
