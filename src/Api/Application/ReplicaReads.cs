using System.Globalization;
using PolicyApi.Api.Features.Assignments;
using PolicyApi.Api.Features.Chapters;
using PolicyApi.Api.Features.Documents;
using PolicyApi.Api.Features.Exports;
using PolicyApi.Api.Features.Measures;
using PolicyApi.Api.Features.Reports;
using PolicyApi.Api.Features.Supervision;
using PolicyApi.Api.Features.Targets;
using PolicyApi.Api.Features.Units;

namespace PolicyApi.Api.Application;

/// <summary>
/// The reads a read replica answers when one is configured (<c>ConnectionStrings:PolicyReadOnly</c>): the lists, the
/// supervision questions, bulletins and exports — what supervisors and dashboards ask often and what tolerates being
/// a moment behind. Reads of one resource (whose ETag a write's If-Match compares with), the change feed (its order is
/// commit order) and the audit log read the primary, as every write does. A caller that must see its own write
/// sends <c>Cache-Control: no-cache</c> and is answered from the primary. A replica answer carries
/// <see cref="LagHeader"/>: how many seconds behind the primary it may be.
/// </summary>
public static class ReplicaReads
{
    public const string LagHeader = "Replica-Lag";

    /// <summary>The requests a replica answers, with the operations (OpenAPI operationId) that send them: most are named as their request.</summary>
    private static readonly Dictionary<Type, string[]> Served = new[]
        {
            typeof(ListDocuments), typeof(ListChapters), typeof(ListMeasures), typeof(ListAssignments), typeof(ListUnits),
            typeof(ListTargets), typeof(ListReports),
            typeof(GetMyDuties), typeof(GetRankings), typeof(GetAttainment), typeof(GetBulletin), typeof(GetTaskTable),
        }
        .Select(t => KeyValuePair.Create(t, new[] { t.Name }))
        .Append(KeyValuePair.Create(typeof(ListObligations), new[] { "ListDue", "ListOverdue" }))
        .ToDictionary();

    public static bool ServedFromReplica(Type request) => Served.ContainsKey(request);

    /// <summary>The operations a replica may answer; OpenAPI documents <see cref="LagHeader"/> on them.</summary>
    public static IEnumerable<string> Operations => Served.Values.SelectMany(o => o);

    /// <summary>HTTP's way to ask for an answer checked with the origin: no replica.</summary>
    public static bool WantsPrimary(HttpContext? http) =>
        http is not null && http.Request.Headers.CacheControl.Any(v => v is not null && v.Contains("no-cache", StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// Sends a read listed in <see cref="ReplicaReads"/> to the replica: the request's context is pointed at the replica's
/// connection for the handler and back at the primary's after it, whatever happens. A replica that cannot be reached
/// is not an outage: the read is answered from the primary.
/// </summary>
public sealed partial class ReplicaReadBehaviour<TRequest, TResponse>(
    PolicyDbContext db, ReadReplica replica, IHttpContextAccessor http, ILogger<ReplicaReadBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (!replica.Configured || !ReplicaReads.ServedFromReplica(typeof(TRequest)) || db.Database.CurrentTransaction is not null
            || ReplicaReads.WantsPrimary(http.HttpContext))
        {
            return await next();
        }

        var primary = db.Database.GetConnectionString();
        await db.Database.CloseConnectionAsync();
        db.Database.SetConnectionString(replica.ConnectionString);
        try
        {
            var response = await next();
            var lag = await ReadReplica.LagAsync(db, cancellationToken);
            if (http.HttpContext is { } context && lag is { } seconds)
            {
                context.Response.Headers[ReplicaReads.LagHeader] = seconds.ToString("0.000", CultureInfo.InvariantCulture);
            }

            return response;
        }
        catch (Exception e) when (DatabaseFailure.IsUnavailable(e) && !cancellationToken.IsCancellationRequested)
        {
            LogReplicaUnavailable(logger, e);
            await db.Database.CloseConnectionAsync();
            db.Database.SetConnectionString(primary);
            return await next();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
            db.Database.SetConnectionString(primary);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The read replica could not be reached; the read was answered from the primary.")]
    private static partial void LogReplicaUnavailable(ILogger logger, Exception exception);
}
