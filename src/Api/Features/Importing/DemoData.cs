using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace PolicyApi.Api.Features.Importing;

/// <summary>Where the demo documents are: a folder with the texts and a demo.json listing file, region and units to register of each.</summary>
public sealed class DemoDataOptions
{
    public const string Section = "DemoData";

    /// <summary>Folder holding demo.json and the texts; nothing is loaded when it is not set.</summary>
    public string? Directory { get; set; }
}

/// <summary>A demo document: its text file, its region, and units the text does not name one by one (the counties of 各县市区).</summary>
public sealed record DemoDocument(string File, string Region, IReadOnlyList<UnitToCreate>? CreateUnits = null);

/// <summary>
/// Loads the seed documents through the importer — read, then committed with their units registered —
/// into an empty database, so that a newcomer's first GET /api/v1/measures shows real measures.
/// Runs after the database is ready; does nothing when any document exists.
/// </summary>
public sealed partial class DemoDataLoader(IServiceScopeFactory scopes, IOptions<DemoDataOptions> options, ILogger<DemoDataLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Directory is not { Length: > 0 } directory)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PolicyDbContext>();
        if (await db.Documents.AnyAsync(cancellationToken))
        {
            LogSkipped(logger);
            return;
        }

        var manifest = JsonSerializer.Deserialize<List<DemoDocument>>(
            await File.ReadAllTextAsync(Path.Combine(directory, "demo.json"), Encoding.UTF8, cancellationToken),
            ManifestJson) ?? [];
        foreach (var entry in manifest)
        {
            await using var documentScope = scopes.CreateAsyncScope();
            var mediator = documentScope.ServiceProvider.GetRequiredService<IMediator>();
            var text = await File.ReadAllTextAsync(Path.Combine(directory, entry.File), Encoding.UTF8, cancellationToken);
            var draft = await mediator.Send(new CreateImport { Text = text, Region = entry.Region }, cancellationToken);
            var committed = await mediator.Send(new CommitImport { ImportId = draft.Id, CreateMissingUnits = true, CreateUnits = entry.CreateUnits }, cancellationToken);
            LogLoaded(logger, committed.Title, entry.File, committed.Measures, committed.Tasks, committed.Assignments, committed.Targets);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data not loaded: the database already has documents.")]
    private static partial void LogSkipped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo document {Title} loaded from {File}: {Measures} measures, {Tasks} task rows, {Assignments} assignments, {Targets} targets.")]
    private static partial void LogLoaded(ILogger logger, string title, string file, int measures, int tasks, int assignments, int targets);
}
