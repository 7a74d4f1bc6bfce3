using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Npgsql;
using PolicyApi.Infrastructure.Persistence;

namespace PolicyApi.Infrastructure.Auditing;

/// <summary>
/// Takes signed checkpoints of the audit chain's head and keeps them outside the database: always in the log, and
/// in the configured file and/or webhook. The newest is kept in memory too, for a process without a file.
/// A checkpoint is only taken when the chain still reaches the previous one, so a tampered log is never blessed.
/// </summary>
public sealed partial class AuditCheckpoints(
    IServiceScopeFactory scopes,
    AuditSeal seal,
    IOptions<AuditOptions> options,
    TimeProvider clock,
    IHttpClientFactory http,
    ILogger<AuditCheckpoints> logger) : IDisposable
{
    public const string HttpClientName = "audit-checkpoints";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AuditCheckpoint? _newestInMemory;

    public void Dispose() => _gate.Dispose();

    /// <summary>Reads the chain's head, checks it still extends the newest checkpoint, signs it and writes it out.</summary>
    public async Task<AuditCheckpoint> TakeAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PolicyDbContext>();
            var previous = await NewestAsync(cancellationToken);
            var (entries, lastId, lastHash, brokenFrom) = await HeadAsync(db, previous, cancellationToken);
            if (brokenFrom is not null)
            {
                LogNotExtending(logger, previous!.LastId, previous.Entries, lastId, entries);
                throw new AuditTamperedException(
                    $"The audit log no longer reaches the newest checkpoint (entry {previous.LastId} of {previous.TakenAt:u}); no new checkpoint is taken. Run GET /api/v1/audit/verify.");
            }

            var now = clock.GetUtcNow();
            var unsigned = new AuditCheckpoint(entries, lastId, lastHash, now.AddTicks(-(now.Ticks % 10)), seal.CurrentKeyId, string.Empty);
            var checkpoint = unsigned with { Signature = seal.SignatureOf(unsigned, seal.CurrentKeyId)! };
            await WriteOutAsync(checkpoint, cancellationToken);
            _newestInMemory = checkpoint;
            return checkpoint;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The newest checkpoint: the last line of the checkpoint file when one is configured, else this process's newest.</summary>
    public async Task<AuditCheckpoint?> NewestAsync(CancellationToken cancellationToken)
    {
        if (options.Value.CheckpointFile is not { Length: > 0 } path)
        {
            return _newestInMemory;
        }

        if (!File.Exists(path))
        {
            return null;
        }

        string? last = null;
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                last = line;
            }
        }

        try
        {
            return last is null ? null : JsonSerializer.Deserialize<AuditCheckpoint>(last, Json);
        }
        catch (JsonException)
        {
            // An unreadable newest line is a damaged checkpoint, not an absent one.
            return new AuditCheckpoint(-1, -1, string.Empty, DateTimeOffset.MinValue, seal.CurrentKeyId, "unreadable");
        }
    }

    private static async Task<(long Entries, long LastId, string LastHash, long? BrokenFrom)> HeadAsync(PolicyDbContext db, AuditCheckpoint? previous, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT (SELECT count(*) FROM policy.audit_entries),
                   coalesce((SELECT id FROM policy.audit_entries ORDER BY id DESC LIMIT 1), 0),
                   coalesce((SELECT hash FROM policy.audit_entries ORDER BY id DESC LIMIT 1), ''),
                   (SELECT hash FROM policy.audit_entries WHERE id = @previousId),
                   (SELECT count(*) FROM policy.audit_entries WHERE id <= @previousId)
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("previousId", previous?.LastId ?? 0);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var entries = reader.GetInt64(0);
        var lastId = reader.GetInt64(1);
        var lastHash = reader.GetString(2);
        var hashAtPrevious = reader.IsDBNull(3) ? null : reader.GetString(3);
        var countAtPrevious = reader.GetInt64(4);
        var extends = previous is null || previous.LastId == 0
            || (hashAtPrevious == previous.LastHash && countAtPrevious == previous.Entries);
        return (entries, lastId, lastHash, extends ? null : previous!.LastId);
    }

    private async Task WriteOutAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var line = JsonSerializer.Serialize(checkpoint, Json);
        LogCheckpoint(logger, checkpoint.Entries, checkpoint.LastId, line);
        if (options.Value.CheckpointFile is { Length: > 0 } path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            await File.AppendAllTextAsync(path, line + "\n", cancellationToken);
        }

        if (options.Value.CheckpointWebhook is { } webhook)
        {
            try
            {
                using var response = await http.CreateClient(HttpClientName).PostAsJsonAsync(webhook, checkpoint, Json, cancellationToken);
                response.EnsureSuccessStatusCode();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // The log and the file still hold it; the next checkpoint will be sent again.
                LogWebhookFailed(logger, e, webhook);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit checkpoint: {Entries} entries up to {LastId}: {Checkpoint}")]
    private static partial void LogCheckpoint(ILogger logger, long entries, long lastId, string checkpoint);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The audit log no longer extends the newest checkpoint (entry {CheckpointId}, {CheckpointEntries} entries); it now ends at {LastId} with {Entries} entries. No checkpoint taken.")]
    private static partial void LogNotExtending(ILogger logger, long checkpointId, long checkpointEntries, long lastId, long entries);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The audit checkpoint could not be delivered to {Webhook}")]
    private static partial void LogWebhookFailed(ILogger logger, Exception exception, Uri webhook);
}

/// <summary>The audit log does not match what was recorded of it outside the database.</summary>
public sealed class AuditTamperedException(string message) : Exception(message);

/// <summary>Takes a checkpoint at startup and then every <see cref="AuditOptions.CheckpointInterval"/>.</summary>
public sealed class AuditCheckpointService(IServiceScopeFactory scopes, IOptions<AuditOptions> options, ILogger<AuditCheckpointService> logger) : Hosting.PeriodicJob(scopes, logger, new(options.Value.CheckpointInterval, RunsAtStart: true))
{
    protected override async Task<string?> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<AuditCheckpoints>().TakeAsync(cancellationToken);
        return null;
    }
}
