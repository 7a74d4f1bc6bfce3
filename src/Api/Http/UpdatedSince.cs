namespace PolicyApi.Api.Http;

/// <summary>
/// The <c>updatedSince</c> filter every list of resources takes: only what was created or changed at or after an
/// instant, so that a phone refreshes a list with what changed since its last look (at or after: an item changed in
/// the same microsecond as the last one seen comes again rather than never). An instant outside the dates the API keeps
/// is a 400, as for every other instant.
/// </summary>
public static class UpdatedSince
{
    public static IQueryable<T> ChangedSince<T>(this IQueryable<T> query, DateTimeOffset? since)
        where T : VersionedEntity
    {
        ArgumentNullException.ThrowIfNull(query);
        if (since is not { } instant)
        {
            return query;
        }

        if (!Bounds.Contains(instant))
        {
            throw new InvalidInputException("updatedSince", $"The instant must lie {Bounds.DateRange}.");
        }

        var utc = instant.ToUniversalTime();
        return query.Where(e => e.UpdatedAt >= utc);
    }
}
