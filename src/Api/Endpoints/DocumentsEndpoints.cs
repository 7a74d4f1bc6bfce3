using MediatR;
using Microsoft.AspNetCore.Mvc;
using PolicyApi.Api.Features.Chapters;
using PolicyApi.Api.Features.Documents;
using PolicyApi.Api.Features.Measures;
using PolicyApi.Api.Http;

namespace PolicyApi.Api.Endpoints;

public static class DocumentsEndpoints
{
    public static IEndpointRouteBuilder MapDocuments(this IEndpointRouteBuilder app)
    {
        var documents = app.MapGroup("/api/v1/documents").WithTags("Documents");

        documents.MapGet("/", async ([AsParameters] ListDocuments query, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(query, ct)))
            .Describe("ListDocuments", "List policy documents", "Filter by region, issuer, year (issue date, or period for undated documents), kind, status and words in the title. Cursor-paged in registration order.")
            .WithProblems(400);

        documents.MapPost("/", async (CreateDocument command, IMediator mediator, Representations representations, HttpContext http, CancellationToken ct) =>
            {
                var created = await mediator.Send(command, ct);
                return representations.Created(http, $"/api/v1/documents/{created.Id}", created);
            })
            .Describe("CreateDocument", "Register a policy document", "Creates the document with its metadata; chapters and measures are added afterwards. A 文号 already used by another document (bracket and spacing variants included) is a 409.")
            .Accepts<CreateDocument>("application/json")
            .Produces<DocumentResponse>(StatusCodes.Status201Created)
            .Idempotent()
            .WithProblems(400, 409, 413, 415);

        documents.MapGet("/{documentId}", async (Guid documentId, IMediator mediator, Representations representations, HttpContext http, CancellationToken ct) =>
                representations.Ok(http, await mediator.Send(new GetDocument(documentId), ct)))
            .Describe("GetDocument", "Read a policy document", "Returns the document with a strong ETag; If-None-Match with that ETag answers 304.")
            .Produces<DocumentResponse>()
            .ConditionalGet()
            .WithProblems(400, 404);

        documents.MapPut("/{documentId}", async (Guid documentId, UpdateDocument command, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator, Representations representations, HttpContext http, CancellationToken ct) =>
                representations.Ok(http, await mediator.Send(command with { Id = documentId, IfMatch = ifMatch }, ct)))
            .Describe("UpdateDocument", "Replace a policy document's metadata", "Replaces every editor-owned field (a field left out is cleared; status must be given). Requires If-Match with the current ETag.")
            .Accepts<UpdateDocument>("application/json")
            .Produces<DocumentResponse>()
            .RequireIfMatch()
            .Idempotent()
            .WithProblems(400, 404, 409, 413, 415);

        documents.MapDelete("/{documentId}", async (Guid documentId, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteDocument(documentId, ifMatch), ct);
                return TypedResults.NoContent();
            })
            .Describe("DeleteDocument", "Delete a policy document", "Only while nothing is attached: a document with chapters or measures is a 409. Requires If-Match.")
            .RequireIfMatch()
            .WithProblems(400, 404, 409);

        var chapters = documents.MapGroup("/{documentId}/chapters").WithTags("Chapters");

        chapters.MapGet("/", async (Guid documentId, int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListChapters(documentId, limit, cursor), ct)))
            .Describe("ListChapters", "List a document's chapters", "Chapters (一、二、…) in document order.")
            .WithProblems(400, 404);

        chapters.MapPost("/", async (Guid documentId, CreateChapter command, IMediator mediator, Representations representations, HttpContext http, CancellationToken ct) =>
            {
                var created = await mediator.Send(command with { DocumentId = documentId }, ct);
                return representations.Created(http, $"/api/v1/documents/{documentId}/chapters/{created.Id}", created);
            })
            .Describe("CreateChapter", "Add a chapter", "Appends the chapter, or inserts it at the given sequence.")
            .Accepts<CreateChapter>("application/json")
            .Produces<ChapterResponse>(StatusCodes.Status201Created)
            .Idempotent()
            .WithProblems(400, 404, 409, 413, 415);

        chapters.MapGet("/{chapterId}", async (Guid documentId, Guid chapterId, IMediator mediator, Representations representations, HttpContext http, CancellationToken ct) =>
                representations.Ok(http, await mediator.Send(new GetChapter(documentId, chapterId), ct)))
            .Describe("GetChapter", "Read a chapter", "Returns the chapter with a strong ETag.")
            .Produces<ChapterResponse>()
            .ConditionalGet()
            .WithProblems(400, 404);

        chapters.MapPut("/{chapterId}", async (Guid documentId, Guid chapterId, UpdateChapter command, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator, Representations representations, HttpContext http, CancellationToken ct) =>
                representations.Ok(http, await mediator.Send(command with { DocumentId = documentId, ChapterId = chapterId, IfMatch = ifMatch }, ct)))
            .Describe("UpdateChapter", "Replace a chapter", "Replaces label and title; a sequence moves it. Requires If-Match.")
            .Accepts<UpdateChapter>("application/json")
            .Produces<ChapterResponse>()
            .RequireIfMatch()
            .Idempotent()
            .WithProblems(400, 404, 409, 413, 415);

        chapters.MapDelete("/{chapterId}", async (Guid documentId, Guid chapterId, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteChapter(documentId, chapterId, ifMatch), ct);
                return TypedResults.NoContent();
            })
            .Describe("DeleteChapter", "Delete a chapter", "Only while it holds no measures (409 otherwise). Requires If-Match.")
            .RequireIfMatch()
            .WithProblems(400, 404, 409);

        var measures = documents.MapGroup("/{documentId}/measures").WithTags("Measures");

        measures.MapGet("/", async (Guid documentId, Guid? chapterId, Guid? parentId, int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListMeasures(documentId, chapterId, parentId, null, null, null, limit, cursor), ct)))
            .Describe("ListDocumentMeasures", "List a document's measures in document order", "Every measure, heading, sub-item and task row of the document, with responsible units and roles.")
            .WithProblems(400, 404);

        measures.MapPost("/", async (Guid documentId, CreateMeasure command, IMediator mediator, Representations representations, HttpContext http, CancellationToken ct) =>
            {
                var created = await mediator.Send(command with { DocumentId = documentId }, ct);
                return representations.Created(http, $"/api/v1/measures/{created.Id}", created);
            })
            .Describe("CreateMeasure", "Add a measure to a document", "Appends the measure in document order, or inserts it at the given sequence. The chapter and parent must belong to the same document; a sub-item inherits its parent's chapter.")
            .Accepts<CreateMeasure>("application/json")
            .Produces<MeasureResponse>(StatusCodes.Status201Created)
            .Idempotent()
            .WithProblems(400, 404, 409, 413, 415);

        return app;
    }
}
