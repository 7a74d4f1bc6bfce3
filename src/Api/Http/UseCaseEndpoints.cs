namespace PolicyApi.Api.Http;

/// <summary>
/// The endpoints most use cases are. Their request records bind their own route and query values
/// (<c>[AsParameters]</c>: a property <c>DocumentId</c> binds <c>{documentId}</c>; <c>[FromRoute(Name = "documentId")]</c>
/// where it is named otherwise), are sent through MediatR and answered the API's
/// usual way; the use case adds <c>Describe(…)</c> and the problems it can answer. A write's handler reads
/// <c>If-Match</c> through <see cref="Representations.EnsureMatch(ITaggedRepresentation)"/>.
/// </summary>
internal static class UseCaseEndpoints
{
    /// <summary>GET of one resource: 200 with its ETag, 304 for a matching <c>If-None-Match</c>, 404 when missing.</summary>
    public static RouteHandlerBuilder MapGetResource<TQuery, TResponse>(this IEndpointRouteBuilder routes, string pattern)
        where TQuery : IQuery<TResponse>
        where TResponse : ITaggedRepresentation =>
        routes.MapGet(pattern, async ([AsParameters] TQuery query, IMediator mediator, Representations representations, HttpContext http, CancellationToken ct) =>
                representations.Ok(http, await mediator.Send(query, ct)))
            .ServesResource<TResponse>();

    /// <summary>GET of a query's answer as it is (a page of a list, a ranking …): 200.</summary>
    public static RouteHandlerBuilder MapQuery<TQuery, TResponse>(this IEndpointRouteBuilder routes, string pattern)
        where TQuery : IQuery<TResponse> =>
        routes.MapGet(pattern, async ([AsParameters] TQuery query, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(query, ct)));

    /// <summary>DELETE of one resource: 204; <c>If-Match</c> required (428 without it, 412 when it is stale), and the problems it can answer.</summary>
    public static RouteHandlerBuilder MapDeleteResource<TCommand>(this IEndpointRouteBuilder routes, string pattern, params int[] problems)
        where TCommand : ICommand =>
        routes.MapDelete(pattern, async ([AsParameters] TCommand command, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(command, ct);
                return TypedResults.NoContent();
            })
            .RequireIfMatch()
            .WithProblems(problems);
}

/// <summary>
/// For endpoints whose lambda binds a body and route values itself (creates, replaces): sends the request through
/// MediatR with the request's cancellation and answers with the representation and its ETag. Bound from the
/// <see cref="HttpContext"/> (<see cref="BindAsync"/>), so OpenAPI does not list it as a parameter.
/// </summary>
public sealed class MediatorResults(HttpContext http)
{
    public static ValueTask<MediatorResults?> BindAsync(HttpContext http) => ValueTask.FromResult<MediatorResults?>(new(http));

    /// <summary>200 with the representation the request answers and its ETag.</summary>
    public async Task<IResult> OkAsync<T>(IRequest<T> request)
        where T : ITaggedRepresentation =>
        Representations.Ok(http, await Mediator.Send(request, http.RequestAborted));

    /// <summary>201 with the created representation, its ETag and its <paramref name="location"/>.</summary>
    public async Task<IResult> CreatedAsync<T>(IRequest<T> request, Func<T, string> location)
        where T : ITaggedRepresentation
    {
        ArgumentNullException.ThrowIfNull(location);
        var created = await Mediator.Send(request, http.RequestAborted);
        return Representations.Created(http, location(created), created);
    }

    private IMediator Mediator => http.RequestServices.GetRequiredService<IMediator>();

    private Representations Representations => http.RequestServices.GetRequiredService<Representations>();
}
