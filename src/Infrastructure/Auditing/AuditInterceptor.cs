using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PolicyApi.Infrastructure.Idempotency;
using PolicyApi.Infrastructure.Importing;

namespace PolicyApi.Infrastructure.Auditing;

/// <summary>
/// Adds an audit entry for every entity created, changed or deleted, to the same SaveChanges — and so the
/// same transaction — as the change itself: the change and its record commit or roll back together.
/// </summary>
public sealed class AuditInterceptor(IAuditContext audit, TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // Large or technical values that do not belong in the log: the imported text and its draft.
    private static readonly HashSet<string> Omitted = [nameof(DocumentImport.Text), nameof(DocumentImport.DraftJson)];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Record(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        context.ChangeTracker.DetectChanges();
        var changes = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Where(e => e.Entity is not AuditEntry and not IdempotencyRecord)
            .ToList();
        if (changes.Count == 0)
        {
            return;
        }

        var actor = audit.Current;
        var now = clock.GetUtcNow();
        foreach (var change in changes)
        {
            var action = change.State switch { EntityState.Added => "created", EntityState.Deleted => "deleted", _ => "updated" };
            context.Add(AuditEntry.By(actor, now, action, "succeeded",
                entity: change.Metadata.ClrType.Name,
                entityId: KeyOf(change),
                before: change.State == EntityState.Added ? null : Snapshot(change, original: true),
                after: change.State == EntityState.Deleted ? null : Snapshot(change, original: false)));
        }
    }

    private static string KeyOf(EntityEntry entry) =>
        string.Join(',', entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture)));

    private static string Snapshot(EntityEntry entry, bool original)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            if (Omitted.Contains(property.Metadata.Name))
            {
                continue;
            }

            values[JsonNamingPolicy.CamelCase.ConvertName(property.Metadata.Name)] = original ? property.OriginalValue : property.CurrentValue;
        }

        return JsonSerializer.Serialize(values, Json);
    }
}
