using System.Diagnostics;

namespace PolicyApi.Api.Http;

/// <summary>Fields every problem body carries: our stable type, the request path as instance, and the trace id.</summary>
public static class ProblemDetailsDefaults
{
    public static void Apply(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        var http = context.HttpContext;
        problem.Status ??= http.Response.StatusCode;
        if (problem.Type is null || !problem.Type.StartsWith(ProblemTypes.Prefix, StringComparison.Ordinal))
        {
            problem.Type = ProblemTypes.ForStatus(problem.Status.Value);
        }

        problem.Detail ??= problem.Status switch
        {
            404 => "No resource exists at this address.",
            405 => "This resource does not support the method used.",
            _ => problem.Title,
        };
        problem.Instance ??= http.Request.Path;
        problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;
        problem.Extensions.Remove("exception");
    }
}
