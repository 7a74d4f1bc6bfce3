using MediatR;
using Microsoft.AspNetCore.Mvc;
using PolicyApi.Api.Features.Reports;
using PolicyApi.Api.Http;

namespace PolicyApi.Api.Endpoints;

public static class ProgressReportsEndpoints
{
    public static IEndpointRouteBuilder MapProgressReports(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/v1/progress-reports").WithTags("Progress reports");

        reports.MapGet("/", async ([AsParameters] ListReports query, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(query, ct)))
            .Describe("ListReports", "List progress reports", "Filter by unit, measure, target, period and status.")
            .WithProblems(400);

        reports.MapPost("/", async (FileReport command, IMediator mediator, Representations representations, HttpContext http, CancellationToken ct) =>
            {
                var created = await mediator.Send(command, ct);
                return representations.Created(http, $"/api/v1/progress-reports/{created.Id}", created);
            })
            .Describe("FileReport", "Open a progress report (draft)", "One report per unit, subject and period (409 report-exists). The unit must be responsible for the subject (409 unit-not-responsible); the period must lie within the target's (400 period); the value must be in the target's unit of measure (400 unitOfMeasure).")
            .Accepts<FileReport>("application/json")
            .Produces<ReportResponse>(StatusCodes.Status201Created)
            .Idempotent()
            .WithProblems(400, 409, 413, 415);

        reports.MapGet("/{reportId}", async (Guid reportId, IMediator mediator, Representations representations, HttpContext http, CancellationToken ct) =>
                representations.Ok(http, await mediator.Send(new GetReport(reportId), ct)))
            .Describe("GetReport", "Read a progress report", "Returns the current version with a strong ETag.")
            .Produces<ReportResponse>()
            .ConditionalGet()
            .WithProblems(400, 404);

        reports.MapPut("/{reportId}", async (Guid reportId, EditReport command, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator, Representations representations, HttpContext http, CancellationToken ct) =>
                representations.Ok(http, await mediator.Send(command with { Id = reportId, IfMatch = ifMatch }, ct)))
            .Describe("EditReport", "Edit a draft or returned report", "Replaces the content; the previous version is kept in the history. A submitted report is under review (409) and an accepted one is final (409). Requires If-Match.")
            .Accepts<EditReport>("application/json")
            .Produces<ReportResponse>()
            .RequireIfMatch()
            .Idempotent()
            .WithProblems(400, 404, 409, 413, 415);

        MapStep(reports, "submit", ReviewStep.Submit, "SubmitReport", "Submit a report for review", "Draft or returned → submitted. Submitting twice is a 409.");
        MapStep(reports, "accept", ReviewStep.Accept, "AcceptReport", "Accept a submitted report", "Submitted → accepted (final). Accepting a draft is a 409.");
        MapStep(reports, "return", ReviewStep.Return, "ReturnReport", "Return a submitted report with a reason", "Submitted → returned; the unit edits and submits again. A reason is required (400).");

        reports.MapGet("/{reportId}/history", async (Guid reportId, int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetReportHistory(reportId, limit, cursor), ct)))
            .Describe("GetReportHistory", "Every version of a report", "Each change — created, edited, submitted, accepted, returned — with the whole content as it then was, who made it, in which role, and when.")
            .WithProblems(400, 404);

        return app;
    }

    private static void MapStep(RouteGroupBuilder reports, string step, ReviewStep kind, string name, string summary, string description) =>
        reports.MapPost($"/{{reportId}}/{step}", async (Guid reportId, [FromBody] ReviewReport? command, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator, Representations representations, HttpContext http, CancellationToken ct) =>
                representations.Ok(http, await mediator.Send((command ?? new ReviewReport()) with { Id = reportId, Step = kind, IfMatch = ifMatch }, ct)))
            .Describe(name, summary, description + " If-Match is optional: when given and stale, 412. With an Idempotency-Key a retried step replays its first answer.")
            .Accepts<ReviewReport>("application/json")
            .Produces<ReportResponse>()
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .Idempotent()
            .WithProblems(400, 404, 409, 413, 415);
}
