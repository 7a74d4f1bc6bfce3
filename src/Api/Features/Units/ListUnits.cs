namespace PolicyApi.Api.Features.Units;

/// <summary>The registry, in the order units were registered, filtered.</summary>
/// <param name="Region">Only units of this region, e.g. 连云港市.</param>
/// <param name="Name">Resolves a name as a document writes it: matches the name, short name or any alias (full-/half-width and spacing variants count as the same), e.g. 市发改委.</param>
/// <param name="Q">Part of any of the unit's names, e.g. 商务.</param>
/// <param name="Kind">Only units of this kind: department, districtGovernment, functionalZone, verticalAgency, court, association or other.</param>
/// <param name="ParentId">Only the sub-units of this unit.</param>
public sealed record ListUnits(string? Region, string? Name, string? Q, [OneOf<UnitKind>] string? Kind, Guid? ParentId) : ResourceListQuery<UnitResponse>;

public sealed class ListUnitsHandler(PolicyDbContext db) : MediatR.IRequestHandler<ListUnits, Page<UnitResponse>>
{
    public async Task<Page<UnitResponse>> Handle(ListUnits request, CancellationToken cancellationToken)
    {
        var page = IdPage.Of(request);
        var query = db.Units.AsNoTracking().ChangedSince(request.UpdatedSince)
            .WhereGiven(request.Region, region => u => u.Region == region)
            .WhereGiven(request.Name, name => u => u.Names.Any(n => n.Key == TextKey.For(name)))
            .WhereGiven(request.Q, q => u => u.Names.Any(n => EF.Functions.Like(n.Key, $"%{LikePattern.Escape(TextKey.For(q))}%", "\\")))
            .WhereGiven(QueryValues.ParseEnum<UnitKind>(request.Kind, "kind"), kind => u => u.Kind == kind)
            .WhereGiven(request.ParentId, parentId => u => u.ParentId == parentId);
        return await page.ReadAsync(query.Include(u => u.Names).AsSplitQuery(), UnitResponse.From, cancellationToken);
    }
}

internal static class ListUnitsEndpoint
{
    public static void Map(IEndpointRouteBuilder units) =>
        units.MapList<ListUnits, UnitResponse>("/")
            .Describe("ListUnits", "List or resolve responsible units", "With region and name, resolves a name as a document writes it (name, short name or any alias; full-/half-width variants count as the same) to its unit: /api/v1/units?region=连云港市&name=市发改委.")
            .WithProblems(400);
}
