using PolicyApi.Infrastructure.Supervision;

namespace PolicyApi.Api.Features.Supervision;

/// <summary>What a report is (to be) about.</summary>
/// <param name="Type">measure or target.</param>
/// <param name="Label">The measure's label as written; none for a target.</param>
/// <param name="Title">The measure's title or the target's indicator.</param>
public sealed record ObligationSubject(ObligationSubjectType Type, Guid Id, string? Label, string Title);

/// <summary>One report a unit owes.</summary>
/// <param name="State">due (period over, still within grace), overdue (past its due date, no report submitted), submitted or accepted.</param>
/// <param name="ReportStatus">The status of the unit's report for it, if one was opened (a returned report still counts as owed).</param>
/// <param name="DaysOverdue">Days past the due date, for overdue obligations.</param>
public sealed record ObligationResponse(
    Guid UnitId,
    string UnitName,
    Guid DocumentId,
    ObligationSubject Subject,
    string Period,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    DateOnly DueOn,
    ObligationState State,
    Guid? ReportId,
    PolicyApi.Domain.Reports.ReportStatus? ReportStatus,
    int? DaysOverdue)
{
    public static ObligationResponse From(Obligation o, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new(
            o.UnitId,
            o.UnitName,
            o.DocumentId,
            new ObligationSubject(o.SubjectType, o.SubjectId, o.SubjectLabel, o.SubjectTitle),
            o.PeriodCode,
            o.PeriodStart,
            o.PeriodEnd,
            o.DueOn,
            o.State,
            o.ReportId,
            o.ReportStatus,
            o.State == ObligationState.Overdue ? asOf.DayNumber - o.DueOn.DayNumber : null);
    }
}

/// <summary>Reports units owe as of a date, from the reporting calendars of active documents.</summary>
/// <param name="AsOf">The date (YYYY-MM-DD); today in the supervising time zone when omitted.</param>
/// <param name="UnitId">Only this unit's obligations.</param>
/// <param name="DocumentId">Only this document's obligations.</param>
/// <param name="Limit">Page size, 1–100 (default 20).</param>
/// <param name="Cursor">The nextCursor of the previous page of this list, under the same filters (another list's cursor is a 400).</param>
public sealed record ListObligations(
    string? AsOf,
    Guid? UnitId,
    Guid? DocumentId,
    int? Limit,
    string? Cursor) : IQuery<Page<ObligationResponse>>, IPagedQuery
{
    /// <summary>Set by GET /supervision/overdue; not a query parameter, but part of the list a cursor is bound to.</summary>
    [System.Text.Json.Serialization.JsonInclude]
    internal bool OnlyOverdue { get; init; }
}

public sealed class ListObligationsHandler(SupervisionQueries queries, ServiceClock clock, ICurrentCaller caller) : MediatR.IRequestHandler<ListObligations, Page<ObligationResponse>>
{
    public async Task<Page<ObligationResponse>> Handle(ListObligations request, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(request.Limit);
        var asOf = QueryValues.ParseDate(request.AsOf, "asOf") ?? clock.Today;
        if (caller.ReporterUnit is { } own)
        {
            // A reporter sees what its own unit owes; asking for another unit's is refused (as for its reports), not
            // answered with its own under the other unit's filter.
            if (request.UnitId is { } asked && asked != own)
            {
                caller.MarkRefused();
                throw new ForbiddenException(ProblemTypes.ForRule("other-unit"), "A reporter reads what its own unit owes only: leave unitId out, or give its own.");
            }

            request = request with { UnitId = own };
        }

        var rows = await queries.ObligationsAsync(
            new ObligationQuery(
                asOf,
                request.DocumentId,
                request.UnitId,
                OnlyOverdue: request.OnlyOverdue,
                After: Paging.Decode<ObligationPosition>(request),
                Limit: limit + 1),
            cancellationToken);
        return Paging.Build(request, rows, limit, o => ObligationResponse.From(o, asOf), o => new ObligationPosition(o.DueOn, o.UnitId, o.SubjectId, o.PeriodCode));
    }
}

internal static class ListObligationsEndpoint
{
    public static void Map(IEndpointRouteBuilder supervision)
    {
        supervision.MapQuery<ListObligations, Page<ObligationResponse>>("/due")
            .Describe("ListDue", "Reports units owe as of a date", "From the reporting calendars (document cadence, overridden per measure or target) of active documents: every period that has ended by asOf without a submitted report, per unit and document — due while within the grace period, overdue after it. A returned report is owed again.")
            .WithProblems(400);

        supervision.MapGet("/overdue", async ([AsParameters] ListObligations query, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(query with { OnlyOverdue = true }, ct)))
            .Describe("ListOverdue", "Reports that are late as of a date", "Obligations past their due date (period end + grace days) with no report submitted by asOf, with days overdue.")
            .WithProblems(400);
    }
}
