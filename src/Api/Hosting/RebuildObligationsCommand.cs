using Microsoft.Extensions.DependencyInjection.Extensions;
using PolicyApi.Infrastructure;
using PolicyApi.Infrastructure.Supervision;

namespace PolicyApi.Api.Hosting;

/// <summary>
/// <c>dotnet PolicyApi.Api.dll rebuild-obligations [--document ID]</c>: rebuilds the reporting duties and obligations of
/// one document (of every document without <c>--document</c>) from the record, with <c>ConnectionStrings:Policy</c>.
/// The database keeps them up to date by itself; this is for after a restore, a bulk load with triggers off, or a doubt.
/// Prints how many obligations the document has; exit code 0 on success, 2 for a wrong argument or an unknown document.
/// </summary>
public static class RebuildObligationsCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        Guid? document = null;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--document")
            {
                if (i + 1 >= args.Length || !Guid.TryParse(args[i + 1], out var id))
                {
                    await errors.WriteLineAsync("rebuild-obligations: --document takes a document id (a UUID).");
                    return 2;
                }

                document = id;
                i++;
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        var builder = Host.CreateApplicationBuilder([.. rest]);
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(DependencyInjection.ConnectionStringName)))
        {
            await errors.WriteLineAsync("rebuild-obligations: set ConnectionStrings__Policy.");
            return 2;
        }

        builder.Services.AddPolicyInfrastructure(builder.Configuration);
        builder.Services.RemoveAll<IHostedService>();
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        try
        {
            var count = await scope.ServiceProvider.GetRequiredService<ObligationsMaintenance>().RebuildAsync(document, CancellationToken.None);
            await output.WriteLineAsync(document is { } d
                ? $"rebuilt the obligations of document {d}: {count}"
                : $"rebuilt the obligations of every document: {count}");
            return 0;
        }
        catch (KeyNotFoundException e)
        {
            await errors.WriteLineAsync($"rebuild-obligations: {e.Message}");
            return 2;
        }
    }
}
