namespace PolicyApi.Api.Http;

/// <summary>Endpoint metadata: this update or delete requires <c>If-Match</c>.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class RequiresIfMatchAttribute : Attribute;

/// <summary>Endpoint metadata: this GET answers <c>If-None-Match</c> with 304.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class ConditionalGetAttribute : Attribute;

/// <summary>
/// Endpoint metadata: the body is plain UTF-8 text, read by the handler itself after authorization (declaring
/// it with Accepts would let routing answer 415 before the caller's rights are checked).
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class PlainTextBodyAttribute : Attribute;

/// <summary>
/// Endpoint metadata: the body is multipart/form-data with one file in a part named <c>file</c>. Described in the
/// OpenAPI document only (not as routing metadata), so a caller without the right gets 403 before any 415.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class FileUploadBodyAttribute : Attribute;

/// <summary>
/// Endpoint metadata: the 200 response is a table served as JSON (<see cref="Response"/>), or as CSV or XLSX when
/// the Accept header or <c>format=</c> asks for it.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class TabularExportAttribute(Type response) : Attribute
{
    public Type Response { get; } = response;
}

/// <summary>The conventions every endpoint declares, so that OpenAPI documents each response it can give.</summary>
internal static class EndpointConventions
{
    public static RouteHandlerBuilder Describe(this RouteHandlerBuilder builder, string name, string summary, string description) =>
        builder.WithName(name).WithSummary(summary).WithDescription(description);

    /// <summary>The operation's name, as <see cref="Describe"/> gave it (null for endpoints that are no operation).</summary>
    public static string? OperationName(this EndpointBuilder endpoint) =>
        endpoint.Metadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName;

    public static RouteHandlerBuilder WithProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder = status == StatusCodes.Status400BadRequest
                ? builder.ProducesValidationProblem()
                : builder.ProducesProblem(status);
        }

        return builder.ProducesProblem(StatusCodes.Status500InternalServerError);
    }

    /// <summary>A table: JSON by default, CSV or XLSX by Accept or <c>format=</c>; 406 for a media type it cannot serve.</summary>
    public static RouteHandlerBuilder ProducesTable<TResponse>(this RouteHandlerBuilder builder) =>
        builder.Produces<TResponse>().WithMetadata(new TabularExportAttribute(typeof(TResponse)));

    /// <summary>A single-resource GET: ETag on the response, 304 for a matching <c>If-None-Match</c>.</summary>
    public static RouteHandlerBuilder ConditionalGet(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new ConditionalGetAttribute()).Produces(StatusCodes.Status304NotModified);

    /// <summary>An update or delete: 428 without <c>If-Match</c> (checked before anything else), 412 when it is stale.</summary>
    public static RouteHandlerBuilder RequireIfMatch(this RouteHandlerBuilder builder) =>
        builder
            .WithMetadata(new RequiresIfMatchAttribute())
            .AddEndpointFilter(async (context, next) =>
            {
                if (string.IsNullOrWhiteSpace(context.HttpContext.Request.Headers.IfMatch))
                {
                    throw new PreconditionRequiredException();
                }

                return await next(context);
            })
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

    /// <summary>A creating POST that honours <c>Idempotency-Key</c>.</summary>
    public static RouteHandlerBuilder Idempotent(this RouteHandlerBuilder builder) =>
        builder
            .WithMetadata(new IdempotentAttribute())
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    /// <summary>A single resource read: the representation with its ETag, 304 for a matching <c>If-None-Match</c>, 404 when missing.</summary>
    public static RouteHandlerBuilder ServesResource<TResponse>(this RouteHandlerBuilder builder) =>
        builder.Produces<TResponse>().ConditionalGet().WithProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

    /// <summary>A creating POST with a JSON body: 201 with the new representation, idempotent, and the problems it can answer.</summary>
    public static RouteHandlerBuilder CreatesResource<TRequest, TResponse>(this RouteHandlerBuilder builder, params int[] problems)
        where TRequest : notnull =>
        builder.Accepts<TRequest>("application/json").Produces<TResponse>(StatusCodes.Status201Created).Idempotent().WithProblems(problems);

    /// <summary>A replacing PUT with a JSON body: If-Match required, idempotent, 200 with the new representation.</summary>
    public static RouteHandlerBuilder ReplacesResource<TRequest, TResponse>(this RouteHandlerBuilder builder)
        where TRequest : notnull =>
        builder.Accepts<TRequest>("application/json").Produces<TResponse>().RequireIfMatch().Idempotent()
            .WithProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);
}
