namespace PolicyApi.Api.Features.Reports;

/// <summary>Progress reports in the order they were opened, filtered.</summary>
/// <param name="UnitId">Only this unit's reports.</param>
/// <param name="MeasureId">Only reports on this measure.</param>
/// <param name="TargetId">Only reports on this target.</param>
/// <param name="Period">Only this reporting period, e.g. 2021-M06.</param>
/// <param name="Status">Only reports in this status: draft, submitted, accepted or returned.</param>
public sealed record ListReports(Guid? UnitId, Guid? MeasureId, Guid? TargetId, string? Period, [OneOf<ReportStatus>] string? Status) : ResourceListQuery<ReportResponse>;

public sealed class ListReportsHandler(PolicyDbContext db, ICurrentCaller caller) : MediatR.IRequestHandler<ListReports, Page<ReportResponse>>
{
    public async Task<Page<ReportResponse>> Handle(ListReports request, CancellationToken cancellationToken)
    {
        var page = IdPage.Of(request);
        var query = db.ProgressReports.AsNoTracking().ChangedSince(request.UpdatedSince);
        if (caller.ReporterUnit is { } own)
        {
            // A reporter reads its own unit's reports only; asking for another unit's is refused, not answered empty.
            if (request.UnitId is { } asked && asked != own)
            {
                caller.MarkRefused();
                throw new ForbiddenException(ProblemTypes.ForRule("other-unit"), "A reporter reads its own unit's reports only: leave unitId out, or give its own.");
            }

            query = query.Where(r => r.UnitId == own);
        }

        var period = string.IsNullOrWhiteSpace(request.Period) ? null : ReportingPeriod.Parse(request.Period, "period").Code;
        query = query
            .WhereGiven(request.UnitId, unitId => r => r.UnitId == unitId)
            .WhereGiven(request.MeasureId, measureId => r => r.MeasureId == measureId)
            .WhereGiven(request.TargetId, targetId => r => r.TargetId == targetId)
            .WhereGiven(period, code => r => r.PeriodCode == code)
            .WhereGiven(QueryValues.ParseEnum<ReportStatus>(request.Status, "status"), status => r => r.Status == status);

        return await page.ReadWithAsync(query, ReportResponse.Unit(db), ReportResponse.From, cancellationToken);
    }
}

internal static class ListReportsEndpoint
{
    public static void Map(IEndpointRouteBuilder reports) =>
        reports.MapList<ListReports, ReportResponse>("/")
            .Describe("ListReports", "List progress reports", "Filter by unit, measure, target, period and status.")
            .WithProblems(400);
}
