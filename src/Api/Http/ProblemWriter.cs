using System.Text.Json;
using Microsoft.Extensions.Options;

namespace PolicyApi.Api.Http;

/// <summary>
/// Writes a problem body even when the client's Accept header names no JSON type (a 406 for Accept:
/// application/pdf must still say what went wrong): problems are always application/problem+json.
/// </summary>
public static class ProblemWriter
{
    /// <summary>
    /// Answers with the problem an error maps to (the same mapping as the exception handler's), for the writers that
    /// cannot throw: authentication and rate-limit events, the idempotency middleware, timeouts, bare status codes.
    /// </summary>
    public static Task WriteAsync(HttpContext http, ApiProblemException error)
    {
        ArgumentNullException.ThrowIfNull(http);
        var problem = ProblemDetailsExceptionHandler.ToProblem(http, error);
        http.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return WriteAsync(http.RequestServices.GetRequiredService<IProblemDetailsService>(), http, problem);
    }

    public static async Task WriteAsync(IProblemDetailsService service, HttpContext http, ProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(http);
        if (await service.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem }))
        {
            return;
        }

        ProblemDetailsDefaults.Apply(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
        var options = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        http.Response.ContentType = "application/problem+json";
        await JsonSerializer.SerializeAsync(http.Response.Body, problem, options, http.RequestAborted);
    }
}
