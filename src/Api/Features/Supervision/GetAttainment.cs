namespace PolicyApi.Api.Features.Supervision;

/// <summary>A growth target's figures on the underlying indicator.</summary>
/// <param name="BaselineToDate">The baseline pro-rated to the date (同期): baseline × elapsed share of the period.</param>
/// <param name="UnderlyingActual">The indicator to date (from the accepted reports).</param>
/// <param name="UnderlyingGoal">Baseline × (1 + rate): what the indicator must reach by the end.</param>
public sealed record GrowthFigures(decimal BaselineValue, string BaselineUnitOfMeasure, decimal BaselineToDate, decimal? UnderlyingActual, decimal UnderlyingGoal, decimal UnderlyingExpected);

/// <summary>One unit against its own share of the target.</summary>
/// <param name="Value">The unit's share (allocation), or the whole value for an each-unit target.</param>
public sealed record UnitAttainment(Guid UnitId, string UnitName, decimal? Value, decimal? Actual, decimal? ActualIncludingSubmitted, decimal? Expected, bool BehindSchedule, AttainmentStatus? Status);

/// <summary>
/// A target's attainment on a date. <c>actual</c> counts accepted reports only; <c>actualIncludingSubmitted</c>
/// also counts reports submitted and not yet reviewed, so a supervisor sees what is pending.
/// </summary>
/// <param name="Expected">序时进度: the part of the target due by the end of the last reporting period closed by asOf (time-proportional unless milestones are set; levels and rates are due all along). Actuals move period by period, so this is what they are judged against.</param>
/// <param name="ExpectedAt">The date <c>expected</c> is computed at: the end of the last closed period of the target's reporting cadence (asOf itself when it closes a period, or when there is no cadence).</param>
/// <param name="ExpectedToday">序时进度 on asOf itself, to the day.</param>
public sealed record AttainmentResponse(
    Guid TargetId,
    string Indicator,
    string UnitOfMeasure,
    Comparator Comparator,
    decimal Value,
    string Period,
    DateOnly AsOf,
    decimal? Actual,
    decimal? ActualIncludingSubmitted,
    decimal Expected,
    DateOnly ExpectedAt,
    decimal ExpectedToday,
    decimal ExpectedShare,
    decimal? RatioToTarget,
    decimal? RatioToExpected,
    decimal? Projected,
    bool BehindSchedule,
    AttainmentStatus Status,
    GrowthFigures? Growth,
    IReadOnlyList<UnitAttainment> Units);

/// <summary>A target's attainment, 序时进度 and status on a date.</summary>
/// <param name="TargetId">The target.</param>
/// <param name="AsOf">The date (YYYY-MM-DD); today in the supervising time zone when omitted.</param>
public sealed record GetAttainment(Guid TargetId, string? AsOf) : IQuery<AttainmentResponse>;

public sealed class GetAttainmentHandler(Targets.TargetReferences targetReferences, AttainmentBoard board, ServiceClock clock) : MediatR.IRequestHandler<GetAttainment, AttainmentResponse>
{
    public async Task<AttainmentResponse> Handle(GetAttainment request, CancellationToken cancellationToken)
    {
        var target = await targetReferences.LoadAsync(request.TargetId, cancellationToken);
        var results = await board.EvaluateAsync([target], QueryValues.ParseDate(request.AsOf, "asOf") ?? clock.Today, cancellationToken);
        return results[0];
    }
}

/// <summary>Evaluates targets on a date: actuals from PostgreSQL, arithmetic from the domain.</summary>
public sealed class AttainmentBoard(PolicyDbContext db, AttainmentService actuals)
{
    /// <summary>
    /// Evaluates targets on <paramref name="asOf"/> with the record as it stood at the end of <paramref name="knownOn"/>
    /// (by default asOf itself): reports for periods ending by asOf, counted in the status they had then.
    /// </summary>
    public async Task<IReadOnlyList<AttainmentResponse>> EvaluateAsync(IReadOnlyList<Target> targets, DateOnly asOf, CancellationToken cancellationToken, DateOnly? knownOn = null)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var sourceIds = targets.Where(t => t.BasedOnTargetId is not null).Select(t => t.BasedOnTargetId!.Value).Distinct().ToList();
        var sourceAccumulation = await db.Targets.AsNoTracking().Where(t => sourceIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Accumulation, cancellationToken);
        var figures = await actuals.ActualsAsync(targets, sourceAccumulation, asOf, knownOn ?? asOf, cancellationToken);
        var unitIds = targets.SelectMany(t => t.Allocations.Select(a => a.UnitId).Concat(t.ScopeUnits.Select(s => s.UnitId))).Concat(figures.Values.SelectMany(f => f.Units.Keys)).Distinct().ToList();
        var names = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var cadences = await CadencesAsync([.. targets.Select(t => t.Id)], cancellationToken);
        return [.. targets.Select(t => Evaluate(t, figures[t.Id], sourceAccumulation, names, asOf, cadences.GetValueOrDefault(t.Id)))];
    }

    /// <summary>Each target's reporting cadence: its own, else its measure's, else its document's.</summary>
    private async Task<Dictionary<Guid, CadenceFrequency?>> CadencesAsync(List<Guid> targetIds, CancellationToken cancellationToken) =>
        await (from t in db.Targets.AsNoTracking()
               join d in db.Documents.AsNoTracking() on t.DocumentId equals d.Id
               from m in db.Measures.AsNoTracking().Where(m => m.Id == t.MeasureId).DefaultIfEmpty()
               where targetIds.Contains(t.Id)
               select new { t.Id, Frequency = t.CadenceFrequency ?? (m == null ? null : m.CadenceFrequency) ?? d.CadenceFrequency })
            .ToDictionaryAsync(x => x.Id, x => x.Frequency, cancellationToken);

    private static AttainmentResponse Evaluate(Target target, TargetActuals actual, IReadOnlyDictionary<Guid, Accumulation> sources, IReadOnlyDictionary<Guid, string> names, DateOnly asOf, CadenceFrequency? cadence)
    {
        var accumulation = target.IsGrowth && target.BasedOnTargetId is { } s ? sources.GetValueOrDefault(s, Accumulation.Cumulative) : target.Accumulation;
        var goal = AttainmentService.GoalOf(target, accumulation: target.IsGrowth ? accumulation : null);
        var expectedAt = AttainmentCalculator.ExpectedAt(cadence, asOf, target.PeriodEnd);
        var result = AttainmentCalculator.Evaluate(goal, actual.Accepted, expectedAt);
        var expectedToday = Round(goal.Value * AttainmentCalculator.ExpectedShare(goal, asOf));
        var period = TargetPeriod.Format(target.PeriodStart, target.PeriodEnd);
        var units = UnitsOf(target, actual, names, expectedAt);

        if (target.Baseline is { } baseline)
        {
            var elapsed = AttainmentCalculator.ElapsedShare(target.PeriodStart, target.PeriodEnd, expectedAt);
            var baselineToDate = baseline.Value * elapsed;
            decimal? Growth(decimal? underlying) => underlying is { } u && baselineToDate > 0 ? Round(((u / baselineToDate) - 1) * 100) : null;
            var growthActual = Growth(actual.Accepted);
            return new AttainmentResponse(
                target.Id, target.Indicator, target.UnitOfMeasure, target.Comparator, target.Value, period, asOf,
                growthActual, Growth(actual.IncludingSubmitted), target.Value, expectedAt, target.Value, result.ExpectedShare,
                growthActual is { } g && target.Value != 0 ? Round(g / target.Value) : null,
                result.RatioToExpected is { } r ? Round(r) : null,
                result.Projected is { } p ? Growth(p * elapsed) : null,
                result.BehindSchedule, result.Status,
                new GrowthFigures(baseline.Value, baseline.UnitOfMeasure, Round(baselineToDate), actual.Accepted, Round(goal.Value), Round(result.Expected)),
                units);
        }

        return new AttainmentResponse(
            target.Id, target.Indicator, target.UnitOfMeasure, target.Comparator, target.Value, period, asOf,
            actual.Accepted, actual.IncludingSubmitted, Round(result.Expected), expectedAt, expectedToday, Round(result.ExpectedShare),
            Round(result.RatioToTarget), Round(result.RatioToExpected), Round(result.Projected),
            result.BehindSchedule, result.Status, null, units);
    }

    /// <summary>Each unit bound by the target against its own value; units that reported without a share are listed without a status.</summary>
    private static List<UnitAttainment> UnitsOf(Target target, TargetActuals actual, IReadOnlyDictionary<Guid, string> names, DateOnly asOf)
    {
        var bound = target.Scope == TargetScope.EachUnit
            ? target.ScopeUnits.Select(s => (s.UnitId, Value: target.Value))
            : target.Allocations.Select(a => (a.UnitId, a.Value));
        var list = bound.Select(b =>
        {
            var unit = actual.Units.GetValueOrDefault(b.UnitId);
            var result = AttainmentCalculator.Evaluate(AttainmentService.GoalOf(target, b.Value), unit?.Accepted, asOf);
            return new UnitAttainment(b.UnitId, names.GetValueOrDefault(b.UnitId, string.Empty), b.Value, unit?.Accepted, unit?.IncludingSubmitted, Round(result.Expected), result.BehindSchedule, result.Status);
        }).ToList();
        list.AddRange(actual.Units.Values.Where(u => list.All(l => l.UnitId != u.UnitId))
            .Select(u => new UnitAttainment(u.UnitId, names.GetValueOrDefault(u.UnitId, string.Empty), null, u.Accepted, u.IncludingSubmitted, null, false, null)));
        return [.. list.OrderBy(u => u.UnitName, StringComparer.Ordinal).ThenBy(u => u.UnitId)];
    }

    internal static decimal Round(decimal value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);

    internal static decimal? Round(decimal? value) => value is { } v ? Round(v) : null;
}

internal static class GetAttainmentEndpoint
{
    public static void Map(IEndpointRouteBuilder targets) =>
        targets.MapGet("/{targetId}/attainment", async (Guid targetId, string? asOf, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetAttainment(targetId, asOf), ct)))
            .Describe("GetAttainment", "A target's attainment and 序时进度 on a date", "actual counts accepted reports; actualIncludingSubmitted adds those submitted and not yet reviewed. expected is 序时进度 (time-proportional unless milestones are set). status: achieved, onTrack, behind (below 序时进度 but projected within 10% of the target), atRisk (projected to miss by more), missed (period over), notStarted. For <= targets the logic turns around; growth targets are measured against the baseline. Each bound unit is shown against its own share.")
            .Produces<AttainmentResponse>()
            .WithProblems(400, 404);
}
