using System.Linq.Expressions;

namespace PolicyApi.Api.Http;

/// <summary>
/// A list's optional filters and the parent it lists under. A filter narrows the query only when the caller gave it
/// (a filter left out, or a blank text, narrows nothing), so a handler reads as the table of its filters; a
/// parent that does not exist is a 404, not an empty page.
/// </summary>
public static class ListFilters
{
    /// <summary>Narrows by a value the caller gave (an id, a number, an instant, an enum); unchanged when left out.</summary>
    public static IQueryable<T> WhereGiven<T, TValue>(this IQueryable<T> query, TValue? value, Func<TValue, Expression<Func<T, bool>>> predicate)
        where TValue : struct
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return value is { } given ? query.Where(predicate(given)) : query;
    }

    /// <summary>Narrows by a text the caller gave; unchanged when left out or blank.</summary>
    public static IQueryable<T> WhereGiven<T>(this IQueryable<T> query, string? text, Func<string, Expression<Func<T, bool>>> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return string.IsNullOrWhiteSpace(text) ? query : query.Where(predicate(text));
    }

    /// <summary>Refuses with 404 when no row of <paramref name="set"/> has the id (the list's parent, e.g. the document).</summary>
    public static async Task MustHoldAsync<T>(this IQueryable<T> set, Guid id, string resource, CancellationToken cancellationToken)
        where T : VersionedEntity
    {
        if (!await set.AnyAsync(e => e.Id == id, cancellationToken))
        {
            throw new ResourceNotFoundException(resource, id);
        }
    }
}
