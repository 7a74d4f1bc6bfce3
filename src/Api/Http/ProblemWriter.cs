using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace PolicyApi.Api.Http;

/// <summary>
/// Writes a problem body even when the client's Accept header names no JSON type (a 406 for Accept:
/// application/pdf must still say what went wrong): problems are always application/problem+json.
/// </summary>
public static class ProblemWriter
{
    /// <summary>Writes a problem with the given status, type, title and detail (outside the exception handler).</summary>
    public static Task WriteAsync(HttpContext http, int status, string type, string title, string detail)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail };
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
