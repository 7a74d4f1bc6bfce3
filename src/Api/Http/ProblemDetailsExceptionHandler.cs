using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace PolicyApi.Api.Http;

/// <summary>
/// The one place that turns failures into RFC 9457 problem responses: validation → 400 with the
/// offending fields, missing → 404, broken rule or state conflict → 409, stale ETag → 412.
/// Anything unexpected is a 500 that says nothing about the server's internals.
/// </summary>
public sealed partial class ProblemDetailsExceptionHandler(
    IProblemDetailsService problemDetails,
    ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ToProblem(httpContext, exception);
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            LogUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, problem.Type, exception.GetBaseException().Message);
        }
        else if (problem.Status >= 500)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = problem.Status ?? 500;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = Budgets.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (exception is PreconditionFailedException { CurrentETag: { } current })
        {
            httpContext.Items[PreconditionETag.Item] = current;
        }

        await ProblemWriter.WriteAsync(problemDetails, httpContext, problem);
        return true;
    }

    /// <summary>The problem an error is answered with: the one mapping, also used by <see cref="ProblemWriter"/>.</summary>
    internal static ProblemDetails ToProblem(HttpContext http, Exception exception) => exception switch
    {
        _ when PolicyApi.Infrastructure.Persistence.DatabaseFailure.IsTimeout(exception) => Problem(
            503, ProblemTypes.QueryTimeout, "The database took too long",
            "A database query ran past this operation's time budget and was stopped in the database. Retry later, or narrow the request."),
        _ when PolicyApi.Infrastructure.Persistence.DatabaseFailure.IsUnavailable(exception) => Problem(
            503, ProblemTypes.DatabaseUnavailable, "The database is unavailable",
            "PostgreSQL cannot be reached right now. Nothing was changed; retry after the time in Retry-After (with the same Idempotency-Key for a write)."),
        ValidationException e => Validation(
            e.Errors.GroupBy(f => f.PropertyName).ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray())),
        DomainValidationException e => Validation(new Dictionary<string, string[]> { [e.Field] = [e.Message] }),
        InvalidInputException e => Validation(new Dictionary<string, string[]> { [e.Field] = [e.Message] }),
        ApiProblemException e => FromApi(e),
        DomainImplausibleValueException e => Problem(
            422,
            ProblemTypes.ForRule(e.Code),
            "The value is not plausible",
            e.Message,
            new Dictionary<string, string[]> { [e.Field] = [e.Message] }),
        DomainRuleViolationException e => Problem(
            409,
            ProblemTypes.ForRule(e.Code),
            "The change breaks a rule of the domain",
            e.Message,
            e.Field is null ? null : new Dictionary<string, string[]> { [e.Field] = [e.Message] }),
        PolicyApi.Infrastructure.Auditing.AuditTamperedException e => Problem(409, ProblemTypes.ForRule("audit-log-tampered"), "The audit log does not reach its last checkpoint", e.Message),
        DbUpdateConcurrencyException => http.Request.Headers.IfMatch.Count > 0
            ? Problem(412, ProblemTypes.PreconditionFailed, "Precondition failed", "The resource was changed by another request while this one was processed. Fetch it again and reapply the change.")
            : Problem(409, ProblemTypes.ConcurrencyConflict, "Concurrent change", "Another request changed the same data at the same time. Retry the request."),
        DbUpdateException { InnerException: PostgresException pg } => FromPostgres(http, pg),
        BadHttpRequestException e => FromBadRequest(http, e),
        _ => Problem(500, ProblemTypes.InternalError, "Internal server error", "An unexpected error occurred. Quote the traceId when reporting it."),
    };

    private static ProblemDetails FromApi(ApiProblemException e)
    {
        var problem = Problem(e.Status, e.Type, e.Title, e.Message, e.Errors);
        if (e is UnauthorizedException { Claim: { } claim })
        {
            problem.Extensions["claim"] = claim;
        }

        return problem;
    }

    private static ProblemDetails FromPostgres(HttpContext http, PostgresException pg) => pg.SqlState switch
    {
        PostgresErrorCodes.UniqueViolation => Problem(
            409,
            ProblemTypes.Conflict,
            "Conflict with the current state",
            "Another record already holds this value.",
            FieldOfUniqueIndex(http, pg.ConstraintName) is { } field ? new Dictionary<string, string[]> { [field] = ["This value is already taken."] } : null),
        PostgresErrorCodes.ForeignKeyViolation => Problem(
            409,
            ProblemTypes.Conflict,
            "Conflict with the current state",
            "The record is still referenced by other records, or refers to one that no longer exists."),
        PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected => Problem(
            409,
            ProblemTypes.ConcurrencyConflict,
            "Concurrent change",
            "Another request changed the same data at the same time. Retry the request."),
        _ => Problem(500, ProblemTypes.InternalError, "Internal server error", "An unexpected error occurred. Quote the traceId when reporting it."),
    };

    private static IReadOnlyDictionary<string, string>? uniqueIndexFields;

    /// <summary>The request field whose value a unique index found taken, by the index's name in the EF model.</summary>
    private static string? FieldOfUniqueIndex(HttpContext http, string? constraint)
    {
        if (constraint is null)
        {
            return null;
        }

        uniqueIndexFields ??= UniqueIndexFields(http.RequestServices.GetRequiredService<PolicyDbContext>().Model);
        return uniqueIndexFields.GetValueOrDefault(constraint);
    }

    private static Dictionary<string, string> UniqueIndexFields(IModel model) => new(StringComparer.Ordinal)
    {
        [UniqueIndexName(model, typeof(PolicyDocument), nameof(PolicyDocument.DocNumberKey))] = "docNumber",
        [UniqueIndexName(model, typeof(UnitName), nameof(UnitName.Region), nameof(UnitName.Key))] = "name",
        [UniqueIndexName(model, typeof(MeasureAssignment), nameof(MeasureAssignment.MeasureId), nameof(MeasureAssignment.UnitId))] = "unitId",
    };

    private static string UniqueIndexName(IModel model, Type entity, params string[] properties) =>
        model.FindEntityType(entity)!.GetIndexes()
            .Single(i => i.IsUnique && i.Properties.Select(p => p.Name).SequenceEqual(properties))
            .GetDatabaseName()!;

    private static ProblemDetails FromBadRequest(HttpContext http, BadHttpRequestException e)
    {
        switch (e.StatusCode)
        {
            case StatusCodes.Status413PayloadTooLarge:
                return Problem(413, ProblemTypes.PayloadTooLarge, "Request body too large", "The request body exceeds the size this endpoint accepts.");
            case StatusCodes.Status415UnsupportedMediaType:
                return Problem(415, ProblemTypes.UnsupportedMediaType, "Unsupported media type", "Send the request body as application/json.");
        }

        if (e.InnerException is JsonException json)
        {
            return FromJson(http, json);
        }

        if (ParameterBinding.FindUnreadable(http) is { } unreadable)
        {
            return Validation(new Dictionary<string, string[]> { [unreadable.Field] = [unreadable.Message] });
        }

        if (ParameterBinding.LacksRequiredBody(http))
        {
            return Problem(400, ProblemTypes.MalformedRequest, "Request body required", "This operation requires a JSON request body.");
        }

        return Problem(400, ProblemTypes.MalformedRequest, "Malformed request", "The request could not be read.");
    }

    private static ProblemDetails FromJson(HttpContext http, JsonException json)
    {
        var field = FieldOf(json.Path);
        if (json.Message.StartsWith(InvalidJsonValue.Prefix, StringComparison.Ordinal))
        {
            var (suffix, reason) = InvalidJsonValue.Split(json.Message);
            return Validation(new Dictionary<string, string[]> { [(field ?? "body") + suffix] = [reason] });
        }

        // A reader error (malformed JSON) is a subclass; what the serializer refuses in well-formed JSON is told apart
        // by the body's type at the path, not by the serializer's message.
        if (field is not null && json.GetType() == typeof(JsonException))
        {
            var reason = ParameterBinding.NamesUnknownMember(http, json.Path)
                ? InvalidJsonValue.UnknownProperty
                : InvalidJsonValue.ReasonFor(json, ParameterBinding.MemberTypeAt(http, json.Path));
            return Validation(new Dictionary<string, string[]> { [field] = [reason] });
        }

        var where = json.LineNumber is { } line ? $" (line {line + 1}, position {json.BytePositionInLine + 1})" : string.Empty;
        return Problem(400, ProblemTypes.MalformedRequest, "Malformed JSON", $"The request body is not valid JSON{where}.");
    }

    /// <summary>JSON path <c>$.period.from</c> or <c>$.aliases[2]</c> → field name <c>period.from</c>, <c>aliases[2]</c>.</summary>
    private static string? FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return null;
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    private static ProblemDetails Validation(IDictionary<string, string[]> errors) =>
        Problem(400, ProblemTypes.ValidationFailed, "One or more fields are invalid", "See errors for the offending fields.", errors);

    private static ProblemDetails Problem(int status, string type, string title, string detail, IDictionary<string, string[]>? errors = null)
    {
        var problem = new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail };
        if (errors is { Count: > 0 })
        {
            problem.Extensions["errors"] = errors;
        }

        return problem;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503 ({Type}): {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, string? type, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}

/// <summary>
/// Puts the current ETag on a 412. The exception handler strips cache headers (ETag among them) from every error
/// response just before it starts; this callback is registered outside it, so it runs after that and restores it.
/// </summary>
public static class PreconditionETag
{
    public const string Item = "policyapi.current-etag";

    public static IApplicationBuilder UseCurrentETagOnPreconditionFailed(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                if (http.Response.StatusCode == StatusCodes.Status412PreconditionFailed && http.Items[Item] is string etag)
                {
                    http.Response.Headers.ETag = etag;
                }

                return Task.CompletedTask;
            });
            await next(http);
        });
}
