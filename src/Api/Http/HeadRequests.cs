namespace PolicyApi.Api.Http;

/// <summary>
/// HEAD of anything a GET reads (RFC 9110 §9.3.2): answered as that GET — its status, ETag, caching, content type and
/// problem headers — without the body. A client checks whether a resource changed (its ETag) or exists without
/// downloading it. Routing, access rules, budgets and rate limits are the GET's, so HEAD is neither a second route per
/// operation nor a second operation in the OpenAPI document; where no GET is mapped it is a 405 as any other method.
/// </summary>
public static class HeadRequests
{
    /// <summary>Outside the exception handler and compression: a problem or a compressed body is dropped too.</summary>
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (!HttpMethods.IsHead(http.Request.Method))
            {
                await next(http);
                return;
            }

            var body = http.Response.Body;
            http.Request.Method = HttpMethods.Get;
            http.Response.Body = Stream.Null;
            try
            {
                await next(http);
            }
            finally
            {
                // The audit of refusals (outside) records the method the caller sent.
                http.Request.Method = HttpMethods.Head;
                http.Response.Body = body;
            }
        });
}
