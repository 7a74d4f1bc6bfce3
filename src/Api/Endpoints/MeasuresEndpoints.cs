using MediatR;
using Microsoft.AspNetCore.Mvc;
using PolicyApi.Api.Features.Assignments;
using PolicyApi.Api.Features.Measures;
using PolicyApi.Api.Http;

namespace PolicyApi.Api.Endpoints;

public static class MeasuresEndpoints
{
    public static IEndpointRouteBuilder MapMeasures(this IEndpointRouteBuilder app)
    {
        var measures = app.MapGroup("/api/v1/measures").WithTags("Measures");

        measures.MapGet("/", async ([AsParameters] ListMeasures query, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(query, ct)))
            .Describe("ListMeasures", "List measures across documents", "Filter by document, chapter, parent, kind, responsible unit and role. With unitId, blanket assignments covering the unit's kind count as role responsible, and each item says how the unit is involved (forUnit).")
            .WithProblems(400, 404);

        measures.MapGet("/{measureId}", async (Guid measureId, IMediator mediator, Representations representations, HttpContext http, CancellationToken ct) =>
                representations.Ok(http, await mediator.Send(new GetMeasure(measureId), ct)))
            .Describe("GetMeasure", "Read a measure", "Returns the measure with its responsible units and a strong ETag.")
            .Produces<MeasureResponse>()
            .ConditionalGet()
            .WithProblems(400, 404);

        measures.MapPut("/{measureId}", async (Guid measureId, UpdateMeasure command, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator, Representations representations, HttpContext http, CancellationToken ct) =>
                representations.Ok(http, await mediator.Send(command with { Id = measureId, IfMatch = ifMatch }, ct)))
            .Describe("UpdateMeasure", "Replace a measure", "Replaces label, title, body, kind, chapter, parent, key work and blanket assignment; a sequence moves it. Assignments are changed through /assignments. Requires If-Match.")
            .Accepts<UpdateMeasure>("application/json")
            .Produces<MeasureResponse>()
            .RequireIfMatch()
            .Idempotent()
            .WithProblems(400, 404, 409, 413, 415);

        measures.MapDelete("/{measureId}", async (Guid measureId, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteMeasure(measureId, ifMatch), ct);
                return TypedResults.NoContent();
            })
            .Describe("DeleteMeasure", "Delete a measure", "Removes the measure and its assignments; a measure with sub-items is a 409. Requires If-Match.")
            .RequireIfMatch()
            .WithProblems(400, 404, 409);

        var assignments = measures.MapGroup("/{measureId}/assignments").WithTags("Assignments");

        assignments.MapGet("/", async (Guid measureId, int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListAssignments(measureId, limit, cursor), ct)))
            .Describe("ListAssignments", "List a measure's responsible units", "In the order the document lists them, with roles.")
            .WithProblems(400, 404);

        assignments.MapPost("/", async (Guid measureId, AssignUnit command, IMediator mediator, Representations representations, HttpContext http, CancellationToken ct) =>
            {
                var created = await mediator.Send(command with { MeasureId = measureId }, ct);
                return representations.Created(http, $"/api/v1/measures/{measureId}/assignments/{created.Id}", created);
            })
            .Describe("AssignUnit", "Assign a responsible unit to a measure", "The unit must belong to the document's region and not be assigned already (409).")
            .Accepts<AssignUnit>("application/json")
            .Produces<AssignmentResponse>(StatusCodes.Status201Created)
            .Idempotent()
            .WithProblems(400, 404, 409, 413, 415);

        assignments.MapGet("/{assignmentId}", async (Guid measureId, Guid assignmentId, IMediator mediator, Representations representations, HttpContext http, CancellationToken ct) =>
                representations.Ok(http, await mediator.Send(new GetAssignment(measureId, assignmentId), ct)))
            .Describe("GetAssignment", "Read an assignment", "Returns the assignment with a strong ETag.")
            .Produces<AssignmentResponse>()
            .ConditionalGet()
            .WithProblems(400, 404);

        assignments.MapPut("/{assignmentId}", async (Guid measureId, Guid assignmentId, ChangeAssignmentRole command, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator, Representations representations, HttpContext http, CancellationToken ct) =>
                representations.Ok(http, await mediator.Send(command with { MeasureId = measureId, AssignmentId = assignmentId, IfMatch = ifMatch }, ct)))
            .Describe("ChangeAssignmentRole", "Change a unit's role on a measure", "Requires If-Match.")
            .Accepts<ChangeAssignmentRole>("application/json")
            .Produces<AssignmentResponse>()
            .RequireIfMatch()
            .Idempotent()
            .WithProblems(400, 404, 409, 413, 415);

        assignments.MapDelete("/{assignmentId}", async (Guid measureId, Guid assignmentId, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new RemoveAssignment(measureId, assignmentId, ifMatch), ct);
                return TypedResults.NoContent();
            })
            .Describe("RemoveAssignment", "Remove a unit from a measure", "Requires If-Match.")
            .RequireIfMatch()
            .WithProblems(400, 404);

        return app;
    }
}
