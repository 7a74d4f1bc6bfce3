using PolicyApi.Infrastructure.Supervision;

namespace PolicyApi.Api.Features.Supervision;

public sealed record BulletinDocument(Guid Id, string Title, string? DocNumber);

/// <summary>A unit's reporting record over the bulletin's period.</summary>
/// <param name="Due">Reports owed for periods ending in the bulletin's period.</param>
/// <param name="Submitted">Of those, submitted (or accepted) by asOf.</param>
/// <param name="Late">Submitted after their due date.</param>
/// <param name="Overdue">Past their due date and still not submitted as of asOf.</param>
/// <param name="Returned">Returned for rework and not yet resubmitted.</param>
public sealed record BulletinReportingRecord(Guid UnitId, string UnitName, int Due, int Submitted, int Accepted, int Late, int Overdue, int Returned);

/// <summary>The 通报 of a document for a period: every target's attainment at the period's end, every unit's reporting record, rankings and 约谈 flags.</summary>
/// <param name="AsOf">The date reporting is judged on (late and overdue reports); defaults to the end of the period.</param>
public sealed record BulletinResponse(
    BulletinDocument Document,
    string Period,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    DateOnly AsOf,
    IReadOnlyList<AttainmentResponse> Targets,
    IReadOnlyList<BulletinReportingRecord> Reporting,
    IReadOnlyList<RankingResponse> Rankings);

/// <summary>The bulletin (通报) of a document for a reporting period.</summary>
/// <param name="DocumentId">The document.</param>
/// <param name="Period">The bulletin's period: 2021-Q2, 2021-M06, 2021-H1, 2021 …</param>
/// <param name="AsOf">The date reporting is judged on (YYYY-MM-DD); the period's last day when omitted.</param>
public sealed record GetBulletin(
    Guid? DocumentId,
    string? Period,
    string? AsOf) : IQuery<BulletinResponse>;

public sealed class GetBulletinValidator : AbstractValidator<GetBulletin>
{
    public GetBulletinValidator()
    {
        RuleFor(x => x.DocumentId).NotNull().NotEqual(Guid.Empty);
        RuleFor(x => x.Period).NotEmpty().Must(p => ReportingPeriod.TryParse(p, out _)).WithMessage("'period' is a reporting period such as 2021-Q2, 2021-M06, 2021-H1 or 2021.");
    }
}

public sealed class GetBulletinHandler(PolicyDbContext db, AttainmentBoard board, SupervisionQueries queries) : MediatR.IRequestHandler<GetBulletin, BulletinResponse>
{
    public async Task<BulletinResponse> Handle(GetBulletin request, CancellationToken cancellationToken)
    {
        var period = ReportingPeriod.Parse(request.Period, "period");
        var document = await db.Documents.AsNoTracking().Where(d => d.Id == request.DocumentId)
            .Select(d => new BulletinDocument(d.Id, d.Title, d.DocNumber)).SingleOrDefaultAsync(cancellationToken)
            ?? throw new ResourceNotFoundException("Document", request.DocumentId!.Value);
        var asOf = QueryValues.ParseDate(request.AsOf, "asOf") ?? period.End;
        if (asOf < period.End)
        {
            throw new InvalidInputException("asOf", $"A bulletin for {period.Code} is judged on or after {period.End:yyyy-MM-dd}.");
        }

        // Only targets that run during the bulletin's period; their figures at its end, as the record stood on asOf.
        var targets = await db.Targets.AsNoTracking()
            .Where(t => t.DocumentId == document.Id && t.PeriodStart <= period.End && t.PeriodEnd >= period.Start)
            .Include(t => t.Allocations).Include(t => t.ScopeUnits).Include(t => t.Milestones).AsSplitQuery()
            .OrderBy(t => t.Id).ToListAsync(cancellationToken);
        var attainment = await board.EvaluateAsync(targets, period.End, cancellationToken, knownOn: asOf);
        var rankings = targets.Zip(attainment).Select(pair => GetRankingsHandler.RankingsOf(pair.First, pair.Second, period.End)).OfType<RankingResponse>().ToList();
        var reporting = await queries.ReportingRecordsAsync(new ObligationQuery(asOf, document.Id, PeriodEndFrom: period.Start, PeriodEndTo: period.End), cancellationToken);
        return new BulletinResponse(
            document,
            period.Code,
            period.Start,
            period.End,
            asOf,
            attainment,
            [.. reporting.Select(r => new BulletinReportingRecord(r.UnitId, r.UnitName, r.Due, r.Submitted, r.Accepted, r.Late, r.Overdue, r.Returned))],
            rankings);
    }
}

/// <summary>The bulletin as tables, for CSV and XLSX.</summary>
public static class BulletinSheets
{
    public static IReadOnlyList<ExportSheet> Of(BulletinResponse bulletin)
    {
        ArgumentNullException.ThrowIfNull(bulletin);
        return
        [
            new ExportSheet(
                "目标完成情况 Targets",
                ["指标 Indicator", "单位 Unit", "比较 Comparator", "目标值 Value", "完成值 Actual", "含待审 Including submitted", "序时进度 Expected", "完成率 Ratio to target", "状态 Status"],
                [.. bulletin.Targets.Select(t => (IReadOnlyList<object?>)[t.Indicator, t.UnitOfMeasure, Comparator(t.Comparator), t.Value, t.Actual, t.ActualIncludingSubmitted, t.Expected, t.RatioToTarget, Camel(t.Status)])]),
            new ExportSheet(
                "报送情况 Reporting",
                ["单位 Unit", "应报 Due", "已报 Submitted", "已审核 Accepted", "迟报 Late", "逾期未报 Overdue", "退回 Returned"],
                [.. bulletin.Reporting.Select(r => (IReadOnlyList<object?>)[r.UnitName, r.Due, r.Submitted, r.Accepted, r.Late, r.Overdue, r.Returned])]),
            new ExportSheet(
                "排名 Rankings",
                ["指标 Indicator", "名次 Rank", "单位 Unit", "分解目标 Allocation", "完成值 Actual", "序时进度 Expected", "完成率 Completion rate", "落后 Behind", "末位 Last", "约谈 Summoned"],
                [.. bulletin.Rankings.SelectMany(k => k.Items.Select(i => (IReadOnlyList<object?>)[k.Indicator, i.Rank, i.UnitName, i.Allocation, i.Actual, i.Expected, i.CompletionRate, i.Behind, i.Last, i.Summoned]))]),
        ];
    }

    private static string Comparator(Domain.Targets.Comparator comparator) => comparator switch
    {
        Domain.Targets.Comparator.AtLeast => ">=",
        Domain.Targets.Comparator.AtMost => "<=",
        _ => "=",
    };

    private static string Camel(AttainmentStatus status) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(status.ToString());
}

internal static class GetBulletinEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
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
}
