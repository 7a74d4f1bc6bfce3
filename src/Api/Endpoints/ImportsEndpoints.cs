using MediatR;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PolicyApi.Api.Features.Importing;
using PolicyApi.Api.Http;

namespace PolicyApi.Api.Endpoints;

public static class ImportsEndpoints
{
    public static IEndpointRouteBuilder MapImports(this IEndpointRouteBuilder app)
    {
        var imports = app.MapGroup("/api/v1/imports").WithTags("Imports");

        imports.MapPost("/", async (CreateImport command, IMediator mediator, Representations representations, HttpContext http, CancellationToken ct) =>
            {
                var created = await mediator.Send(command, ct);
                return representations.Created(http, $"/api/v1/imports/{created.Id}", created);
            })
            .Describe("CreateImport", "Read a document's text into a draft",
                "Reads the plain text of a policy document and proposes its structure — metadata, chapters, measures with labels and parents, " +
                "responsible units with roles, blanket assignments, task-table rows, targets and supervision rhythm — each with the span of text it came from. " +
                "Every unit name is resolved against the region's registry; unknown names come with the closest known units. Nothing becomes the record " +
                "until the draft is committed. Metadata given in the request overrides what is read.")
            .Accepts<CreateImport>("application/json")
            .Produces<ImportResponse>(StatusCodes.Status201Created)
            .Idempotent()
            .WithProblems(400, 413, 415, 422);

        imports.MapPost("/text", async (HttpContext http, string? region, string? title, string? docNumber, string? issuer, string? issuedOn, string? kind,
                IMediator mediator, Representations representations, CancellationToken ct) =>
            {
                var command = new CreateImport
                {
                    Text = await ReadUtf8TextAsync(http.Request, ct),
                    Region = region,
                    Title = title,
                    DocNumber = docNumber,
                    Issuer = issuer,
                    IssuedOn = QueryValues.ParseDate(issuedOn, "issuedOn"),
                    Kind = QueryValues.ParseEnum<PolicyApi.Domain.Documents.DocumentKind>(kind, "kind"),
                };
                var created = await mediator.Send(command, ct);
                return representations.Created(http, $"/api/v1/imports/{created.Id}", created);
            })
            .Describe("CreateImportFromText", "Read a document's text, sent as text/plain, into a draft",
                "The same as POST /imports with the text as the body (text/plain; charset=utf-8) and the region and metadata in the query, " +
                "for `curl --data-binary @document.txt`. Bytes that are not UTF-8 are a 400 naming text.")
            .WithMetadata(new PlainTextBodyAttribute())
            .Produces<ImportResponse>(StatusCodes.Status201Created)
            .Idempotent()
            .WithProblems(400, 413, 415, 422);

        imports.MapGet("/{importId}", async (Guid importId, IMediator mediator, Representations representations, HttpContext http, CancellationToken ct) =>
                representations.Ok(http, await mediator.Send(new GetImport(importId), ct)))
            .Describe("GetImport", "Read an import's draft", "The draft as read, with unit names resolved against the registry as it stands now, and whether it was committed.")
            .Produces<ImportResponse>()
            .ConditionalGet()
            .WithProblems(400, 404);

        imports.MapPost("/{importId}/commit", async (Guid importId, [FromBody] CommitImport? command, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var committed = await mediator.Send((command ?? new CommitImport()) with { ImportId = importId }, ct);
                return TypedResults.Created($"/api/v1/documents/{committed.DocumentId}", committed);
            })
            .Describe("CommitImport", "Commit a draft as the record",
                "Creates the document, chapters, measures, task rows (as measures of kind task), unit assignments, blanket assignments and targets " +
                "in one transaction. Send the corrected draft, map unit names to registered units, or let unknown names be registered " +
                "(createMissingUnits). Unresolved names are a 422 listing suggestions; a 文号 already registered is a 409 naming the document; " +
                "a draft already committed is a 409; an expired draft is a 410.")
            .Accepts<CommitImport>("application/json")
            .Produces<CommitResponse>(StatusCodes.Status201Created)
            .Idempotent()
            .WithProblems(400, 404, 409, 410, 413, 415, 422);

        return app;
    }

    private static async Task<string> ReadUtf8TextAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            throw new UnsupportedMediaTypeException("text/plain; charset=utf-8");
        }

        if (type.Charset.HasValue && !type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidInputException("text", $"The text must be UTF-8, not {type.Charset}.");
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        try
        {
            return new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length).TrimStart('\uFEFF');
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new InvalidInputException("text", "The body is not UTF-8 text: it holds bytes that are not UTF-8 (GBK, a PDF or a Word file?). Extract the text and send it as UTF-8.");
        }
    }

    /// <summary>
    /// Refuses bodies over the limit with 413 before anything reads them (the idempotency fingerprint
    /// included): 2 MiB for imports (Import:MaxBodyBytes), 1 MiB elsewhere (Limits:MaxBodyBytes); the server
    /// applies the same limit to bodies sent without a length.
    /// </summary>
    public static void UseBodyLimits(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var limit = http.Request.Path.StartsWithSegments("/api/v1/imports", StringComparison.Ordinal)
                ? http.RequestServices.GetRequiredService<IOptions<ImportOptions>>().Value.MaxBodyBytes
                : http.RequestServices.GetRequiredService<IOptions<Security.AbuseLimitOptions>>().Value.MaxBodyBytes;
            if (http.Request.ContentLength > limit)
            {
                throw new PayloadTooLargeException(limit);
            }

            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }

            await next(http);
        });
}
