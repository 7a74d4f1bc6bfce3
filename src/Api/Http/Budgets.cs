using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.Options;

namespace PolicyApi.Api.Http;

/// <summary>Endpoint metadata: the class of work an operation does, which sets its database and request budgets.</summary>
public sealed record QueryClassMetadata(QueryClass Class);

/// <summary>
/// Every operation gets a class — a single resource, a list, a write, a supervision question or an export — and
/// with it a budget for each database command (<see cref="QueryBudgetOptions"/>) and for the whole request (the
/// command budget plus <see cref="RequestMargin"/>). Past either, the caller gets a 503 problem with Retry-After.
/// </summary>
public static class Budgets
{
    public static readonly TimeSpan RequestMargin = TimeSpan.FromSeconds(5);

    /// <summary>Operations whose class is not the one their method implies.</summary>
    private static readonly Dictionary<string, QueryClass> Exceptions = new(StringComparer.Ordinal)
    {
        ["ListDue"] = QueryClass.Supervision,
        ["ListOverdue"] = QueryClass.Supervision,
        ["GetRankings"] = QueryClass.Supervision,
        ["GetAttainment"] = QueryClass.Supervision,
        ["GetBulletin"] = QueryClass.Supervision,
        ["GetTaskTable"] = QueryClass.Export,
        ["VerifyAudit"] = QueryClass.Export,
        ["TakeAuditCheckpoint"] = QueryClass.Export,

        // A file up to Attachments:MaxBytes travels over a phone's link inside the request's time.
        ["AttachEvidence"] = QueryClass.Export,
        ["DownloadEvidence"] = QueryClass.Export,
    };

    /// <summary>Classifies every endpoint of the group and gives it the request timeout of its class.</summary>
    public static TBuilder WithBudgets<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(endpoint =>
        {
            var name = endpoint.OperationName();
            var methods = endpoint.Metadata.OfType<HttpMethodMetadata>().LastOrDefault()?.HttpMethods ?? [];
            var kind = name is not null && Exceptions.TryGetValue(name, out var special) ? special
                : !methods.Contains(HttpMethods.Get) ? QueryClass.Write
                : endpoint.Metadata.OfType<ConditionalGetAttribute>().Any() ? QueryClass.Resource
                : QueryClass.List;
            endpoint.Metadata.Add(new QueryClassMetadata(kind));
            endpoint.Metadata.Add(new RequestTimeoutAttribute(kind.ToString()));
        });
        return builder;
    }

    public static IServiceCollection AddBudgets(this IServiceCollection services)
    {
        services.AddSingleton<IQueryClassSource, HttpQueryClass>();
        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<QueryBudgetOptions>>((options, budgets) =>
        {
            foreach (var kind in Enum.GetValues<QueryClass>())
            {
                options.AddPolicy(kind.ToString(), new RequestTimeoutPolicy
                {
                    Timeout = budgets.Value.For(kind) + RequestMargin,
                    TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
                    WriteTimeoutResponse = WriteTimeoutAsync,
                });
            }
        });
        return services;
    }

    /// <summary>Seconds a client should wait before retrying after a timeout or an outage.</summary>
    public const int RetryAfterSeconds = 5;

    private static async Task WriteTimeoutAsync(HttpContext http)
    {
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await ProblemWriter.WriteAsync(http, new RequestTimedOutException());
    }

    /// <summary>The class of the current request's endpoint; background work is a write.</summary>
    private sealed class HttpQueryClass(IHttpContextAccessor http) : IQueryClassSource
    {
        public QueryClass Current => http.HttpContext?.GetEndpoint()?.Metadata.GetMetadata<QueryClassMetadata>()?.Class ?? QueryClass.Write;
    }
}
