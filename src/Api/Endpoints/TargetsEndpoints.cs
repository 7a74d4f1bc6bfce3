using MediatR;
using Microsoft.AspNetCore.Mvc;
using PolicyApi.Api.Features.Supervision;
using PolicyApi.Api.Features.Targets;
using PolicyApi.Api.Http;

namespace PolicyApi.Api.Endpoints;

public static class TargetsEndpoints
{
    public static IEndpointRouteBuilder MapTargets(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/documents/{documentId}/targets", async (Guid documentId, SetTarget command, IMediator mediator, Representations representations, HttpContext http, CancellationToken ct) =>
            {
                var created = await mediator.Send(command with { DocumentId = documentId }, ct);
                return representations.Created(http, $"/api/v1/targets/{created.Id}", created);
            })
            .WithTags("Targets")
            .Describe("SetTarget", "Set a target of a document", "A quantity the document commits to: indicator, unit of measure, comparator, value, period, accumulation and scope. A baseline makes it a growth target (同比增长20%以上); scope eachUnit with scopeUnitIds binds each unit on its own (每个县区不少于4次).")
            .Accepts<SetTarget>("application/json")
            .Produces<TargetResponse>(StatusCodes.Status201Created)
            .Idempotent()
            .WithProblems(400, 404, 409, 413, 415);

        var targets = app.MapGroup("/api/v1/targets").WithTags("Targets");

        targets.MapGet("/", async ([AsParameters] ListTargets query, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(query, ct)))
            .Describe("ListTargets", "List targets", "Filter by document and measure.")
            .WithProblems(400, 404);

        targets.MapGet("/{targetId}", async (Guid targetId, IMediator mediator, Representations representations, HttpContext http, CancellationToken ct) =>
                representations.Ok(http, await mediator.Send(new GetTarget(targetId), ct)))
            .Describe("GetTarget", "Read a target", "Returns the target with a strong ETag.")
            .Produces<TargetResponse>()
            .ConditionalGet()
            .WithProblems(400, 404);

        targets.MapPut("/{targetId}", async (Guid targetId, ReviseTarget command, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator, Representations representations, HttpContext http, CancellationToken ct) =>
                representations.Ok(http, await mediator.Send(command with { Id = targetId, IfMatch = ifMatch }, ct)))
            .Describe("ReviseTarget", "Replace a target", "Replaces every editor-owned field. Requires If-Match.")
            .Accepts<ReviseTarget>("application/json")
            .Produces<TargetResponse>()
            .RequireIfMatch()
            .Idempotent()
            .WithProblems(400, 404, 409, 413, 415);

        targets.MapDelete("/{targetId}", async (Guid targetId, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new RemoveTarget(targetId, ifMatch), ct);
                return TypedResults.NoContent();
            })
            .Describe("RemoveTarget", "Delete a target", "Only while no progress report and no growth target refers to it (409). Requires If-Match.")
            .RequireIfMatch()
            .WithProblems(400, 404, 409);

        targets.MapGet("/{targetId}/allocations", async (Guid targetId, IMediator mediator, Representations representations, HttpContext http, CancellationToken ct) =>
                representations.Ok(http, await mediator.Send(new GetAllocations(targetId), ct)))
            .Describe("GetAllocations", "Read a target's split into unit shares (目标分解)", "With the total allocated, the unallocated rest and whether the shares add up to the whole (balanced).")
            .Produces<AllocationsResponse>()
            .ConditionalGet()
            .WithProblems(400, 404);

        targets.MapPut("/{targetId}/allocations", async (Guid targetId, AllocateTarget command, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator, Representations representations, HttpContext http, CancellationToken ct) =>
                representations.Ok(http, await mediator.Send(command with { TargetId = targetId, IfMatch = ifMatch }, ct)))
            .Describe("AllocateTarget", "Split a target into unit shares", "Replaces the whole split. Shares may add up to less than the target (reported as unallocated) but not to more (409 allocations-exceed-target). Only region-wide amounts can be split. Requires If-Match (the ETag of GET …/allocations).")
            .Accepts<AllocateTarget>("application/json")
            .Produces<AllocationsResponse>()
            .RequireIfMatch()
            .Idempotent()
            .WithProblems(400, 404, 409, 413, 415);

        targets.MapGet("/{targetId}/attainment", async (Guid targetId, string? asOf, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetAttainment(targetId, asOf), ct)))
            .Describe("GetAttainment", "A target's attainment and 序时进度 on a date", "actual counts accepted reports; actualIncludingSubmitted adds those submitted and not yet reviewed. expected is 序时进度 (time-proportional unless milestones are set). status: achieved, onTrack, behind (below 序时进度 but projected within 10% of the target), atRisk (projected to miss by more), missed (period over), notStarted. For <= targets the logic turns around; growth targets are measured against the baseline. Each bound unit is shown against its own share.")
            .Produces<AttainmentResponse>()
            .WithProblems(400, 404);

        return app;
    }
}
