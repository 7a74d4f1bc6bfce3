using MediatR;
using Microsoft.AspNetCore.Mvc;
using PolicyApi.Api.Features.Units;
using PolicyApi.Api.Http;

namespace PolicyApi.Api.Endpoints;

public static class UnitsEndpoints
{
    public static IEndpointRouteBuilder MapUnits(this IEndpointRouteBuilder app)
    {
        var units = app.MapGroup("/api/v1/units").WithTags("Units");

        units.MapGet("/", async ([AsParameters] ListUnits query, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(query, ct)))
            .Describe("ListUnits", "List or resolve responsible units", "With region and name, resolves a name as a document writes it (name, short name or any alias; full-/half-width variants count as the same) to its unit: /api/v1/units?region=连云港市&name=市发改委.")
            .WithProblems(400);

        units.MapPost("/", async (RegisterUnit command, IMediator mediator, Representations representations, HttpContext http, CancellationToken ct) =>
            {
                var created = await mediator.Send(command, ct);
                return representations.Created(http, $"/api/v1/units/{created.Id}", created);
            })
            .Describe("RegisterUnit", "Register a responsible unit in a region", "Every name, short name and alias must be free in the region (409 names the unit that holds it); the same name in another region is another unit.")
            .Accepts<RegisterUnit>("application/json")
            .Produces<UnitResponse>(StatusCodes.Status201Created)
            .Idempotent()
            .WithProblems(400, 409, 413, 415);

        units.MapGet("/{unitId}", async (Guid unitId, IMediator mediator, Representations representations, HttpContext http, CancellationToken ct) =>
                representations.Ok(http, await mediator.Send(new GetUnit(unitId), ct)))
            .Describe("GetUnit", "Read a responsible unit", "Returns the unit with its aliases and a strong ETag.")
            .Produces<UnitResponse>()
            .ConditionalGet()
            .WithProblems(400, 404);

        units.MapPut("/{unitId}", async (Guid unitId, UpdateUnit command, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator, Representations representations, HttpContext http, CancellationToken ct) =>
                representations.Ok(http, await mediator.Send(command with { Id = unitId, IfMatch = ifMatch }, ct)))
            .Describe("UpdateUnit", "Replace a responsible unit", "Replaces name, short name, aliases, kind and parent (the region cannot change). Requires If-Match.")
            .Accepts<UpdateUnit>("application/json")
            .Produces<UnitResponse>()
            .RequireIfMatch()
            .Idempotent()
            .WithProblems(400, 404, 409, 413, 415);

        units.MapDelete("/{unitId}", async (Guid unitId, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteUnit(unitId, ifMatch), ct);
                return TypedResults.NoContent();
            })
            .Describe("DeleteUnit", "Delete a responsible unit", "Only while it is assigned to no measure and has no sub-units (409). Requires If-Match.")
            .RequireIfMatch()
            .WithProblems(400, 404, 409);

        return app;
    }
}
