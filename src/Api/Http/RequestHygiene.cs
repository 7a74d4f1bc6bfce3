using Microsoft.AspNetCore.Diagnostics;

namespace PolicyApi.Api.Http;

/// <summary>What every request is checked for before any endpoint reads it, and how bare status codes are answered.</summary>
public static class RequestHygiene
{
    /// <summary>
    /// Query and route values that PostgreSQL's text cannot hold (a NUL, %00) are a 400 naming the parameter,
    /// whichever endpoint and whichever filter they reach.
    /// </summary>
    public static IApplicationBuilder UseStorableParameters(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            foreach (var (name, values) in http.Request.Query)
            {
                if (!StorableStringConverter.IsStorable(name) || values.Any(v => v is not null && !StorableStringConverter.IsStorable(v)))
                {
                    throw new InvalidInputException(StorableStringConverter.IsStorable(name) ? name : "query", StorableStringConverter.Problem);
                }
            }

            foreach (var (name, value) in http.Request.RouteValues)
            {
                if (value is string text && !StorableStringConverter.IsStorable(text))
                {
                    throw new InvalidInputException(name, StorableStringConverter.Problem);
                }
            }

            await next(http);
        });

    /// <summary>
    /// A query parameter the endpoint does not take, or one of its own given more than once, is a 400 naming it,
    /// rather than a filter silently ignored or joined. After authorization: the answer names the endpoint's
    /// parameters, which a caller without the right to call it does not learn.
    /// </summary>
    public static IApplicationBuilder UseDeclaredParameters(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (ParameterBinding.FindUnknown(http) is var (unknown, accepted))
            {
                throw new InvalidInputException(
                    unknown,
                    accepted.Count == 0
                        ? $"'{unknown}' is not a parameter of this operation, which takes none."
                        : $"'{unknown}' is not a parameter of this operation, which takes: {string.Join(", ", accepted)}.");
            }

            if (ParameterBinding.FindRepeated(http) is { } repeated)
            {
                throw new InvalidInputException(repeated, $"'{repeated}' is given more than once; give it once.");
            }

            await next(http);
        });

    /// <summary>
    /// Request bodies are UTF-8 (RFC 8259 §8.1): a charset parameter naming anything else is a 415; a quoted
    /// <c>charset="utf-8"</c> is taken as the plain one (the framework would not know it).
    /// </summary>
    public static IApplicationBuilder UseUtf8Bodies(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var contentType = http.Request.ContentType;
            if (contentType is not null && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media) && media.Charset.HasValue)
            {
                var charset = media.Charset.Value!.Trim('"').Trim();
                if (!charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
                {
                    throw new UnsupportedMediaTypeException($"{media.MediaType} in UTF-8 (this request says charset={charset})");
                }

                media.Charset = "utf-8";
                http.Request.ContentType = media.ToString();
            }

            await next(http);
        });

    /// <summary>
    /// A status without a body (404 for no route, 405, 415 decided by routing) is answered with a problem body,
    /// whatever the client's Accept header names.
    /// </summary>
    public static IApplicationBuilder UseProblemStatusCodePages(this IApplicationBuilder app) =>
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            var status = http.Response.StatusCode;
            var (title, detail) = status switch
            {
                404 => ("Not found", "No resource or operation is at this address."),
                405 => ("Method not allowed", $"This address does not accept {http.Request.Method}."),
                406 => ("Not acceptable", "None of the media types in Accept can be produced here."),
                415 => ("Unsupported media type", "Send the request body in the media type this operation reads (application/json unless it says otherwise)."),
                _ => (ReasonPhrase(status), "The request could not be processed."),
            };
            await ProblemWriter.WriteAsync(http, new StatusCodeException(status, title, detail));
        });

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";
}
