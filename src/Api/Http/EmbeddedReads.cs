using System.Linq.Expressions;

namespace PolicyApi.Api.Http;

/// <summary>
/// Reads rows with what their representation embeds from beyond the row (its unit's name and version, a count of its
/// parts) in the same query. A resource's list and its single read take the same expression from the representation,
/// so both answer the same fields and the same ETag.
/// </summary>
public static class EmbeddedReads
{
    /// <summary>Each row with what <paramref name="embedded"/> reads beside it.</summary>
    public static IQueryable<Embedding<T, TEmbedded>> WithEmbedded<T, TEmbedded>(this IQueryable<T> rows, Expression<Func<T, TEmbedded>> embedded)
    {
        ArgumentNullException.ThrowIfNull(embedded);
        var row = embedded.Parameters[0];
        var constructor = typeof(Embedding<T, TEmbedded>).GetConstructor([typeof(T), typeof(TEmbedded)])!;
        return rows.Select(Expression.Lambda<Func<T, Embedding<T, TEmbedded>>>(Expression.New(constructor, row, embedded.Body), row));
    }

    /// <summary>The one row the query finds, with what it embeds, as <paramref name="map"/> represents it; a 404 naming <paramref name="resource"/> without one.</summary>
    public static async Task<TResponse> ReadOneAsync<T, TEmbedded, TResponse>(
        this IQueryable<T> rows, Expression<Func<T, TEmbedded>> embedded, Func<T, TEmbedded, TResponse> map, string resource, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(map);
        var found = await rows.WithEmbedded(embedded).SingleOrDefaultAsync(cancellationToken) ?? throw new ResourceNotFoundException(resource, id);
        return map(found.Item, found.Embedded);
    }
}

/// <summary>A row and what its representation embeds.</summary>
public sealed record Embedding<T, TEmbedded>(T Item, TEmbedded Embedded);
