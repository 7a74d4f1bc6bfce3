using PolicyApi.Infrastructure.Supervision;

namespace PolicyApi.Api.Features.Supervision;

/// <summary>What the caller's unit owes and what was sent back to it, in one small answer for a phone.</summary>
/// <param name="AsOf">The date (YYYY-MM-DD) to evaluate on; today in the supervising time zone when omitted.</param>
public sealed record GetMyDuties(string? AsOf) : IQuery<MyDutiesResponse>;

/// <summary>A unit's duties on a day: the reports it owes (overdue first by due date) and its reports returned for rework.</summary>
/// <param name="UnitId">The caller's unit.</param>
/// <param name="UnitName">Its name.</param>
/// <param name="AsOf">The day the answer is for.</param>
/// <param name="Owed">Reports owed for periods ended by then and not submitted, earliest due first (at most 100).</param>
/// <param name="MoreOwed">Whether more reports are owed than listed (page through GET /supervision/due for all).</param>
/// <param name="Returned">Reports a supervisor returned by then and not yet resubmitted, with the reason, newest first (at most 100).</param>
public sealed record MyDutiesResponse(Guid UnitId, string UnitName, DateOnly AsOf, IReadOnlyList<OwedReport> Owed, bool MoreOwed, IReadOnlyList<ReturnedReport> Returned);

/// <summary>A report owed.</summary>
/// <param name="Subject">The measure or target to report on.</param>
/// <param name="Period">The period, e.g. 2021-M06.</param>
/// <param name="DueOn">The day it is due.</param>
/// <param name="State">due or overdue.</param>
/// <param name="DaysOverdue">Days past the due date; absent while due.</param>
/// <param name="ReportId">The draft or returned report that answers it, if one exists.</param>
public sealed record OwedReport(ObligationSubject Subject, string Period, DateOnly DueOn, ObligationState State, int? DaysOverdue, Guid? ReportId);

/// <summary>A report sent back for rework.</summary>
/// <param name="ReportId">The report.</param>
/// <param name="Period">Its period.</param>
/// <param name="MeasureId">The measure it reports on, if any.</param>
/// <param name="TargetId">The target it reports on, if any.</param>
/// <param name="ReturnReason">Why it was returned.</param>
/// <param name="ReturnedAt">When.</param>
public sealed record ReturnedReport(Guid ReportId, string Period, Guid? MeasureId, Guid? TargetId, string ReturnReason, DateTimeOffset ReturnedAt);

public sealed class GetMyDutiesHandler(PolicyDbContext db, SupervisionQueries queries, ServiceClock clock, ICurrentCaller caller) : MediatR.IRequestHandler<GetMyDuties, MyDutiesResponse>
{
    private const int Most = 100;

    public async Task<MyDutiesResponse> Handle(GetMyDuties request, CancellationToken cancellationToken)
    {
        var asOf = QueryValues.ParseDate(request.AsOf, "asOf") ?? clock.Today;
        var unitId = caller.UnitId
            ?? throw new ForbiddenException(ProblemTypes.ForRule("no-unit"), "These are a unit's own duties: the caller's token names no unit (supervisors ask GET /supervision/due?unitId=).");
        var unitName = await db.Units.Where(u => u.Id == unitId).Select(u => u.Name).SingleOrDefaultAsync(cancellationToken)
            ?? throw new ResourceNotFoundException("Unit", unitId);

        var owed = await queries.ObligationsAsync(new ObligationQuery(asOf, UnitId: unitId, Limit: Most + 1), cancellationToken);
        // Returned by the end of asOf (as the owed list is as of then), in the supervising time zone.
        var returnedBy = clock.EndOf(asOf);
        var returned = await db.ProgressReports.AsNoTracking()
            .Where(r => r.UnitId == unitId && r.Status == PolicyApi.Domain.Reports.ReportStatus.Returned && r.ReviewedAt < returnedBy)
            .OrderByDescending(r => r.ReviewedAt)
            .Take(Most)
            .Select(r => new ReturnedReport(r.Id, r.PeriodCode, r.MeasureId, r.TargetId, r.ReturnReason ?? string.Empty, r.ReviewedAt ?? r.UpdatedAt))
            .ToListAsync(cancellationToken);
        return new MyDutiesResponse(
            unitId,
            unitName,
            asOf,
            [.. owed.Take(Most).Select(o => ToOwed(ObligationResponse.From(o, asOf)))],
            owed.Count > Most,
            returned);
    }

    private static OwedReport ToOwed(ObligationResponse o) => new(o.Subject, o.Period, o.DueOn, o.State, o.DaysOverdue, o.ReportId);
}

internal static class GetMyDutiesEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapQuery<GetMyDuties, MyDutiesResponse>("/api/v1/me/duties")
            .WithTags("Supervision")
            .Describe("GetMyDuties", "What my unit owes", "For a reporter (or a system client whose token names a unit): the reports its unit owes on asOf — due or overdue, earliest due first — and the reports returned to it with the reason, in one small answer. A token without a unit is a 403.")
            .WithProblems(400, 403);
}
