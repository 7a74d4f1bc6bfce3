using System.Buffers.Text;
using System.Linq.Expressions;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PolicyApi.Api.Http;

/// <summary>A page of a collection: <c>nextCursor</c> is absent on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NextCursor);

/// <summary>
/// A query that answers one page of a list. Its type names the list and its other public values (and any member
/// marked <see cref="JsonIncludeAttribute"/>) are the filters a cursor is bound to; limit may change from page to page.
/// </summary>
public interface IPagedQuery
{
    int? Limit { get; }

    string? Cursor { get; }
}

/// <summary>
/// Cursor (keyset) paging: the cursor is an opaque, URL-safe encoding of the last item's sort key,
/// so pages stay stable while records are added, and no page costs an OFFSET scan. Each cursor carries a short
/// hash of the list it came from (the query and its filters), so that it cannot continue another list, or the
/// same list under other filters, where its sort key would silently skip or repeat items.
/// </summary>
public static class Paging
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public const string ForeignCursor = "This cursor belongs to another list or other filters; start again without it.";
    public const string UnknownCursor = "The cursor is not one this API issued.";

    private static readonly JsonSerializerOptions BindingJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

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

    /// <summary>The cursor continuing <paramref name="query"/>'s list after <paramref name="key"/>.</summary>
    public static string Encode<TKey>(IPagedQuery query, TKey key) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Envelope(BindingOf(query), JsonSerializer.SerializeToElement(key))));

    /// <summary>The sort key <paramref name="query"/>'s cursor continues after, or null for the first page.</summary>
    public static TKey? Decode<TKey>(IPagedQuery query)
        where TKey : class
    {
        ArgumentNullException.ThrowIfNull(query);
        if (string.IsNullOrEmpty(query.Cursor))
        {
            return null;
        }

        Envelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<Envelope>(Base64Url.DecodeFromChars(query.Cursor));
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            throw new InvalidInputException("cursor", UnknownCursor);
        }

        if (envelope is not { List: { Length: > 0 } list, After.ValueKind: JsonValueKind.Object })
        {
            throw new InvalidInputException("cursor", UnknownCursor);
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(list), Encoding.ASCII.GetBytes(BindingOf(query))))
        {
            throw new InvalidInputException("cursor", ForeignCursor);
        }

        try
        {
            return envelope.After.Deserialize<TKey>() ?? throw new InvalidInputException("cursor", UnknownCursor);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or NotSupportedException)
        {
            throw new InvalidInputException("cursor", UnknownCursor);
        }
    }

    /// <summary>Builds the page from up to <paramref name="limit"/> + 1 rows read, the extra one telling whether more follow.</summary>
    public static Page<TItem> Build<TRow, TItem, TKey>(IPagedQuery query, IReadOnlyList<TRow> rows, int limit, Func<TRow, TItem> map, Func<TRow, TKey> keyOf)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(keyOf);
        var items = rows.Take(limit).ToList();
        var next = rows.Count > limit ? Encode(query, keyOf(items[^1])) : null;
        return new Page<TItem>(items.Select(map).ToList(), next);
    }

    /// <summary>
    /// 16 URL-safe characters naming the list: a SHA-256 of the query's type and its values other than limit and
    /// cursor. Not a secret: a client that forges one only reaches a page it could have asked for anyway.
    /// </summary>
    internal static string BindingOf(IPagedQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filters = JsonSerializer.SerializeToNode(query, query.GetType(), BindingJson)!.AsObject();
        filters.Remove(nameof(IPagedQuery.Limit));
        filters.Remove(nameof(IPagedQuery.Cursor));
        foreach (var (name, enumType) in EnumFilters.Of(query.GetType()))
        {
            // An enum filter is read in any case, and a blank one narrows nothing: ?status=ACTIVE is the list of ?status=active.
            if (filters[name] is JsonValue value && value.TryGetValue<string>(out var text))
            {
                filters[name] = EnumSpellings.Find(enumType, text)?.Spelling ?? (string.IsNullOrWhiteSpace(text) ? null : text);
            }
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(query.GetType().FullName + "\n" + filters.ToJsonString(BindingJson)));
        return Base64Url.EncodeToString(hash.AsSpan(0, 12));
    }

    /// <summary>The properties of a query type declared <see cref="OneOfAttribute{TEnum}"/> (on the property or its record parameter), read once per type.</summary>
    private static class EnumFilters
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, IReadOnlyList<(string Name, Type EnumType)>> ByType = new();

        public static IReadOnlyList<(string Name, Type EnumType)> Of(Type queryType) => ByType.GetOrAdd(queryType, type =>
        {
            var parameters = type.GetConstructors().SelectMany(c => c.GetParameters()).ToLookup(p => p.Name ?? string.Empty, StringComparer.Ordinal);
            return [.. type.GetProperties()
                .Select(p => (p.Name, Named: p.GetCustomAttributes(true).OfType<INamedValues>().FirstOrDefault()
                    ?? parameters[p.Name].SelectMany(q => q.GetCustomAttributes(true).OfType<INamedValues>()).FirstOrDefault()))
                .Where(p => p.Named is not null)
                .Select(p => (p.Name, p.Named!.EnumType))];
        });
    }

    private sealed record Envelope(
        [property: JsonPropertyName("list")] string? List,
        [property: JsonPropertyName("after")] JsonElement After);
}

/// <summary>
/// A page of a list kept in the order of one key: the id (the order records were registered in), a position within a
/// parent, or newest first. Reads the limit and the cursor's key once, narrows the query to the rows after it (and one
/// more, telling whether another page follows), builds the page. The cursor holds the key under the name its list has
/// always given it (<c>Id</c>, <c>Sequence</c>), so cursors issued before stay valid.
/// </summary>
public sealed class KeysetPage<TKey>
    where TKey : struct, IComparable<TKey>
{
    private readonly IPagedQuery query;
    private readonly string name;
    private readonly bool newestFirst;
    private readonly int limit;
    private readonly TKey? after;

    internal KeysetPage(IPagedQuery query, string name, bool newestFirst)
    {
        this.query = query;
        this.name = name;
        this.newestFirst = newestFirst;
        limit = Paging.Limit(query.Limit);
        after = Paging.Decode<Dictionary<string, TKey>>(query) is { } position ? position.GetValueOrDefault(name) : null;
    }

    /// <summary>The rows of this page and one more, in the order of <paramref name="key"/>.</summary>
    public IQueryable<T> Rows<T>(IQueryable<T> source, Expression<Func<T, TKey>> key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (after is { } position)
        {
            // key.CompareTo(position) > 0 (< 0 newest first), the position a query parameter rather than a literal.
            Expression<Func<TKey>> cursor = () => position;
            var comparison = Expression.Call(key.Body, nameof(IComparable<TKey>.CompareTo), null, cursor.Body);
            var past = newestFirst ? Expression.LessThan(comparison, Expression.Constant(0)) : Expression.GreaterThan(comparison, Expression.Constant(0));
            source = source.Where(Expression.Lambda<Func<T, bool>>(past, key.Parameters));
        }

        return (newestFirst ? source.OrderByDescending(key) : source.OrderBy(key)).Take(limit + 1);
    }

    public Page<TItem> Build<TRow, TItem>(IReadOnlyList<TRow> rows, Func<TRow, TItem> map, Func<TRow, TKey> keyOf)
    {
        ArgumentNullException.ThrowIfNull(keyOf);
        return Paging.Build(query, rows, limit, map, r => new Dictionary<string, TKey> { [name] = keyOf(r) });
    }

    /// <summary>Reads this page of <paramref name="source"/> and builds it from the rows as they are.</summary>
    public async Task<Page<TItem>> ReadAsync<T, TItem>(IQueryable<T> source, Expression<Func<T, TKey>> key, Func<T, TItem> map, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var keyOf = key.Compile(preferInterpretation: true);
        return Build(await Rows(source, key).ToListAsync(cancellationToken), map, keyOf);
    }

    /// <summary>
    /// Reads this page of <paramref name="source"/> with what each row's representation embeds, read in the same query
    /// (its unit's label, a count of its parts), and builds it.
    /// </summary>
    public async Task<Page<TItem>> ReadWithAsync<T, TEmbedded, TItem>(
        IQueryable<T> source, Expression<Func<T, TKey>> key, Expression<Func<T, TEmbedded>> embedded, Func<T, TEmbedded, TItem> map, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(embedded);
        ArgumentNullException.ThrowIfNull(map);
        var keyOf = key.Compile(preferInterpretation: true);
        var rows = await Rows(source, key).WithEmbedded(embedded).ToListAsync(cancellationToken);
        return Build(rows, r => map(r.Item, r.Embedded), r => keyOf(r.Item));
    }
}

/// <summary>Reads a query's limit and cursor (a 400 for either out of bounds) for a page kept in the order of one key.</summary>
public static class KeysetPage
{
    /// <summary>The key ascends; <paramref name="name"/> is the key's name in the cursor.</summary>
    public static KeysetPage<TKey> Of<TKey>(IPagedQuery query, string name = "Id")
        where TKey : struct, IComparable<TKey> =>
        new(query ?? throw new ArgumentNullException(nameof(query)), name, newestFirst: false);

    /// <summary>The key descends: the newest row first.</summary>
    public static KeysetPage<TKey> NewestFirst<TKey>(IPagedQuery query, string name = "Id")
        where TKey : struct, IComparable<TKey> =>
        new(query ?? throw new ArgumentNullException(nameof(query)), name, newestFirst: true);
}

/// <summary>A page of a list kept in id order, the order records were registered in.</summary>
public static class IdPage
{
    public static KeysetPage<Guid> Of(IPagedQuery query) => KeysetPage.Of<Guid>(query);

    /// <summary>The rows of this page and one more, in id order.</summary>
    public static IQueryable<T> Rows<T>(this KeysetPage<Guid> page, IQueryable<T> source)
        where T : VersionedEntity
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.Rows(source, x => x.Id);
    }

    /// <summary>Reads this page of <paramref name="source"/> in id order and builds it from the rows as they are.</summary>
    public static Task<Page<TItem>> ReadAsync<T, TItem>(this KeysetPage<Guid> page, IQueryable<T> source, Func<T, TItem> map, CancellationToken cancellationToken)
        where T : VersionedEntity
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.ReadAsync(source, x => x.Id, map, cancellationToken);
    }

    /// <summary>Reads this page in id order with what each row's representation embeds (see <see cref="KeysetPage{TKey}.ReadWithAsync"/>).</summary>
    public static Task<Page<TItem>> ReadWithAsync<T, TEmbedded, TItem>(
        this KeysetPage<Guid> page, IQueryable<T> source, Expression<Func<T, TEmbedded>> embedded, Func<T, TEmbedded, TItem> map, CancellationToken cancellationToken)
        where T : VersionedEntity
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.ReadWithAsync(source, x => x.Id, embedded, map, cancellationToken);
    }
}
