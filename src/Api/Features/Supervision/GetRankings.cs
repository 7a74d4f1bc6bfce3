namespace PolicyApi.Api.Features.Supervision;

/// <summary>A unit's place.</summary>
/// <param name="Allocation">The unit's own share (or the whole value for an each-unit target).</param>
/// <param name="CompletionRate">Actual ÷ allocation: what the ranking orders by.</param>
/// <param name="Behind">Below its own 序时进度.</param>
/// <param name="Last">Ranked last (alone or tied).</param>
/// <param name="Summoned">Behind 序时进度 and ranked last: to be summoned this quarter (季约谈).</param>
public sealed record RankingItem(int Rank, Guid UnitId, string UnitName, decimal Allocation, decimal? Actual, decimal Expected, decimal CompletionRate, bool Behind, bool Last, bool Summoned);

/// <param name="Quarter">The quarter the 约谈 flag is for (the one containing asOf).</param>
public sealed record RankingResponse(Guid TargetId, string Indicator, string UnitOfMeasure, DateOnly AsOf, string Quarter, IReadOnlyList<RankingItem> Items);

/// <summary>Units ranked by attainment against their own allocation, with the 约谈 flag.</summary>
/// <param name="TargetId">A target split into shares, or one that binds each unit on its own.</param>
/// <param name="AsOf">The date (YYYY-MM-DD); today in the supervising time zone when omitted.</param>
public sealed record GetRankings(Guid? TargetId, string? AsOf) : IQuery<RankingResponse>;

public sealed class GetRankingsValidator : AbstractValidator<GetRankings>
{
    public GetRankingsValidator() => RuleFor(x => x.TargetId).NotNull().NotEqual(Guid.Empty);
}

public sealed class GetRankingsHandler(Targets.TargetReferences targetReferences, AttainmentBoard board, ServiceClock clock) : MediatR.IRequestHandler<GetRankings, RankingResponse>
{
    public async Task<RankingResponse> Handle(GetRankings request, CancellationToken cancellationToken)
    {
        var target = await targetReferences.LoadAsync(request.TargetId!.Value, cancellationToken);
        var asOf = Http.QueryValues.ParseDate(request.AsOf, "asOf") ?? clock.Today;
        var attainment = (await board.EvaluateAsync([target], asOf, cancellationToken))[0];
        return RankingsOf(target, attainment, asOf)
            ?? throw new DomainRuleViolationException("target-not-ranked", "The target is neither split into per-unit shares nor binds each unit: there are no units to rank.", "targetId");
    }

    /// <summary>The ranking of a target's units, or null when the target binds no units.</summary>
    internal static RankingResponse? RankingsOf(Target target, AttainmentResponse attainment, DateOnly asOf)
    {
        var bound = attainment.Units.Where(u => u.Value is not null).ToList();
        if (bound.Count == 0)
        {
            return null;
        }

        var ranked = Ranking.Rank(bound.Select(u => new UnitStanding(u.UnitId, u.Value!.Value, u.Actual, u.Expected ?? 0m)), target.Comparator);
        var names = bound.ToDictionary(u => u.UnitId, u => u.UnitName);
        return new RankingResponse(
            target.Id,
            target.Indicator,
            target.UnitOfMeasure,
            asOf,
            ReportingPeriod.Containing(attainment.ExpectedAt, PeriodKind.Quarter).Code,
            [.. ranked.Select(r => new RankingItem(r.Rank, r.Standing.UnitId, names[r.Standing.UnitId], r.Standing.Allocation, r.Standing.Actual, r.Standing.Expected, AttainmentBoard.Round(r.CompletionRate), r.Behind, r.Last, r.Summoned))]);
    }
}

internal static class GetRankingsEndpoint
{
    public static void Map(IEndpointRouteBuilder supervision) =>
        supervision.MapQuery<GetRankings, RankingResponse>("/rankings")
            .Describe("GetRankings", "Units ranked by attainment against their own allocation", "Ordered by completion rate (actual ÷ own share; for <= targets the lowest first); equal rates share a rank. summoned marks the unit that is behind its 序时进度 and ranked last — the 季约谈 rule.")
            .WithProblems(400, 404, 409);
}
