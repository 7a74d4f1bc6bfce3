using MediatR;
using PolicyApi.Api.Features.Exports;
using PolicyApi.Api.Features.Supervision;
using PolicyApi.Api.Http;

namespace PolicyApi.Api.Endpoints;

public static class SupervisionEndpoints
{
    public static IEndpointRouteBuilder MapSupervision(this IEndpointRouteBuilder app)
    {
        var supervision = app.MapGroup("/api/v1/supervision").WithTags("Supervision");

        supervision.MapGet("/due", async ([AsParameters] ListObligations query, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(query, ct)))
            .Describe("ListDue", "Reports units owe as of a date", "From the reporting calendars (document cadence, overridden per measure or target) of active documents: every period that has ended by asOf without a submitted report, per unit and document — due while within the grace period, overdue after it. A returned report is owed again.")
            .WithProblems(400);

        supervision.MapGet("/overdue", async ([AsParameters] ListObligations query, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(query with { OnlyOverdue = true }, ct)))
            .Describe("ListOverdue", "Reports that are late as of a date", "Obligations past their due date (period end + grace days) with no report submitted by asOf, with days overdue.")
            .WithProblems(400);

        supervision.MapGet("/rankings", async ([AsParameters] GetRankings query, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(query, ct)))
            .Describe("GetRankings", "Units ranked by attainment against their own allocation", "Ordered by completion rate (actual ÷ own share; for <= targets the lowest first); equal rates share a rank. summoned marks the unit that is behind its 序时进度 and ranked last — the 季约谈 rule.")
            .WithProblems(400, 404, 409);

        app.MapGet("/api/v1/bulletins", async ([AsParameters] GetBulletin query, string? format, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var exportFormat = TabularExport.Negotiate(http, format);
                var bulletin = await mediator.Send(query, ct);
                return exportFormat == ExportFormat.Json
                    ? Results.Ok(bulletin)
                    : TabularExport.File(exportFormat, $"bulletin-{bulletin.Period}", BulletinSheets.Of(bulletin));
            })
            .WithTags("Bulletins")
            .Describe("GetBulletin", "The bulletin (通报) of a document for a period", "Every target with actual, 序时进度 and status at the end of the period; every unit's reporting record (due, submitted, accepted, late, overdue, returned) as of asOf; rankings with 约谈 flags. JSON, or a CSV/XLSX download: Accept text/csv or application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, or format=csv|xlsx.")
            .ProducesTable<BulletinResponse>()
            .WithProblems(400, 404, 406);

        app.MapGet("/api/v1/documents/{documentId}/task-table", async (Guid documentId, string? format, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var exportFormat = TabularExport.Negotiate(http, format);
                var table = await mediator.Send(new GetTaskTable(documentId), ct);
                return exportFormat == ExportFormat.Json
                    ? Results.Ok(table)
                    : TabularExport.File(exportFormat, "task-table", TaskTableSheets.Of(table));
            })
            .WithTags("Documents")
            .Describe("GetTaskTable", "A document's task decomposition table (任务分解表)", "Measures, sub-items and task rows in document order with their lead, cooperating and responsible units. JSON, CSV or XLSX as for bulletins.")
            .ProducesTable<TaskTableResponse>()
            .WithProblems(400, 404, 406);

        return app;
    }
}
