namespace PolicyApi.Api.Http;

/// <summary>
/// A query for one page of a list. Its record declares only the list's own route values and filters; the limit and
/// the cursor every list takes are bound once, from <see cref="PageParameters"/>, by
/// <see cref="ListEndpoints.MapList{TQuery, TItem}"/>. Public properties, so that the cursor's binding to the list's
/// filters (<see cref="Paging.BindingOf"/>) sees them after the record's own values, as when each list declared them.
/// </summary>
public abstract record ListQuery<TItem> : IQuery<Page<TItem>>, IPagedQuery
{
    public int? Limit { get; init; }

    public string? Cursor { get; init; }

    internal ListQuery<TItem> On(PageParameters page) => this with { Limit = page.Limit, Cursor = page.Cursor };
}

/// <summary>A list of resources: it also takes the <c>updatedSince</c> filter (<see cref="UpdatedSince"/>).</summary>
public abstract record ResourceListQuery<TItem> : ListQuery<TItem>
{
    public DateTimeOffset? UpdatedSince { get; init; }

    internal ResourceListQuery<TItem> Since(UpdatedSinceParameter since) => this with { UpdatedSince = since.UpdatedSince };
}

/// <summary>The query parameters of a page, after the list's own.</summary>
/// <param name="Limit">Page size, 1–100 (default 20).</param>
/// <param name="Cursor">The nextCursor of the previous page of this list, under the same filters (another list's cursor is a 400).</param>
public sealed record PageParameters(int? Limit, string? Cursor);

/// <summary>The filter a list of resources takes after its own.</summary>
/// <param name="UpdatedSince">Only items created or changed at or after this instant (RFC 3339).</param>
public sealed record UpdatedSinceParameter(DateTimeOffset? UpdatedSince);

internal static class ListEndpoints
{
    /// <summary>
    /// GET of a page of a list: 200. Binds the query's own values, then <c>updatedSince</c> for a list of resources,
    /// then <c>limit</c> and <c>cursor</c> — the order OpenAPI shows them in.
    /// </summary>
    public static RouteHandlerBuilder MapList<TQuery, TItem>(this IEndpointRouteBuilder routes, string pattern)
        where TQuery : ListQuery<TItem> =>
        typeof(TQuery).IsAssignableTo(typeof(ResourceListQuery<TItem>))
            ? routes.MapGet(pattern, async ([AsParameters] TQuery query, [AsParameters] UpdatedSinceParameter since, [AsParameters] PageParameters page, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(((ResourceListQuery<TItem>)(object)query).Since(since).On(page), ct)))
            : routes.MapGet(pattern, async ([AsParameters] TQuery query, [AsParameters] PageParameters page, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(query.On(page), ct)));
}
