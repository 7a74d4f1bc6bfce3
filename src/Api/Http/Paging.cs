using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PolicyApi.Api.Http;

/// <summary>A page of a collection: <c>nextCursor</c> is absent on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NextCursor);

/// <summary>
/// Cursor (keyset) paging: the cursor is an opaque, URL-safe encoding of the last item's sort key,
/// so pages stay stable while records are added, and no page costs an OFFSET scan.
/// </summary>
public static class Paging
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static int Limit(int? limit)
    {
        if (limit is null)
        {
            return DefaultLimit;
        }

        if (limit < 1 || limit > MaxLimit)
        {
            throw new InvalidInputException("limit", $"'limit' must be between 1 and {MaxLimit}.");
        }

        return limit.Value;
    }

    public static string Encode<TKey>(TKey key) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(key));

    public static TKey? Decode<TKey>(string? cursor)
        where TKey : class
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<TKey>(Base64Url.DecodeFromChars(cursor))
                ?? throw new InvalidInputException("cursor", "The cursor is not one this API issued.");
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            throw new InvalidInputException("cursor", "The cursor is not one this API issued.");
        }
    }

    /// <summary>Builds the page from up to <paramref name="limit"/> + 1 rows read, the extra one telling whether more follow.</summary>
    public static Page<TItem> Build<TRow, TItem, TKey>(IReadOnlyList<TRow> rows, int limit, Func<TRow, TItem> map, Func<TRow, TKey> keyOf)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(keyOf);
        var items = rows.Take(limit).ToList();
        var next = rows.Count > limit ? Encode(keyOf(items[^1])) : null;
        return new Page<TItem>(items.Select(map).ToList(), next);
    }
}
