namespace PolicyApi.Api.Features.Measures;

/// <summary>Measures in document order (documents in the order they were registered), filtered.</summary>
/// <param name="DocumentId">Only this document's measures.</param>
/// <param name="ChapterId">Only measures in this chapter.</param>
/// <param name="ParentId">Only the sub-items of this measure.</param>
/// <param name="UnitId">Only measures this unit is responsible for, by assignment or by a blanket assignment covering its kind; each item then says how (forUnit).</param>
/// <param name="Role">Only measures with an assignment in this role (with unitId: that unit's role): lead, cooperating or responsible.</param>
/// <param name="Kind">Only measures of this kind: measure, heading, subItem, framing or task.</param>
public sealed record ListMeasures(Guid? DocumentId, Guid? ChapterId, Guid? ParentId, Guid? UnitId, [OneOf<UnitRole>] string? Role, [OneOf<MeasureKind>] string? Kind)
    : ResourceListQuery<MeasureResponse>;

public sealed class ListMeasuresHandler(PolicyDbContext db) : MediatR.IRequestHandler<ListMeasures, Page<MeasureResponse>>
{
    private sealed record Position(Guid DocumentId, int Sequence);

    public async Task<Page<MeasureResponse>> Handle(ListMeasures request, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(request.Limit);
        var after = Paging.Decode<Position>(request);
        var query = db.Measures.AsNoTracking().ChangedSince(request.UpdatedSince)
            .WhereGiven(request.DocumentId, documentId => m => m.DocumentId == documentId)
            .WhereGiven(request.ChapterId, chapterId => m => m.ChapterId == chapterId)
            .WhereGiven(request.ParentId, parentId => m => m.ParentId == parentId)
            .WhereGiven(QueryValues.ParseEnum<MeasureKind>(request.Kind, "kind"), kind => m => m.Kind == kind);

        var role = QueryValues.ParseEnum<UnitRole>(request.Role, "role");
        string? unitKind = null;
        if (request.UnitId is { } unitId)
        {
            var unit = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => new { u.Region, u.Kind }).SingleOrDefaultAsync(cancellationToken);
            unitKind = unit?.Kind.ToString();
            var region = unit?.Region;
            var blanketCounts = unit is not null && role is null or UnitRole.Responsible;
            query = query.Where(m =>
                m.Assignments.Any(a => a.UnitId == unitId && (role == null || a.Role == role))
                || (blanketCounts
                    && EF.Property<string[]>(m, "BlanketUnitKinds").Contains(unitKind!)
                    && !m.Assignments.Any(a => a.UnitId == unitId)
                    && db.Documents.Any(d => d.Id == m.DocumentId && d.Region == region)));
        }
        else if (role is not null)
        {
            query = query.Where(m => m.Assignments.Any(a => a.Role == role));
        }

        if (after is not null)
        {
            query = query.Where(m => m.DocumentId.CompareTo(after.DocumentId) > 0 || (m.DocumentId == after.DocumentId && m.Sequence > after.Sequence));
        }

        // The page of measures, then their assignments with their units' labels.
        var rows = await query
            .OrderBy(m => m.DocumentId).ThenBy(m => m.Sequence)
            .Take(limit + 1)
            .ReadWithUnitsAsync(db, cancellationToken);
        if (rows.Count == 0 && request.DocumentId is { } asked)
        {
            await db.Documents.MustHoldAsync(asked, "Document", cancellationToken); // an empty page of a document that does not exist
        }

        return Paging.Build(request, rows, limit, r => WithInvolvement(MeasureResponse.From(r), r, request.UnitId), r => new Position(r.Measure.DocumentId, r.Measure.Sequence));
    }

    private static MeasureResponse WithInvolvement(MeasureResponse response, MeasureRow row, Guid? unitId)
    {
        if (unitId is not { } id)
        {
            return response;
        }

        var assignment = row.Units.Select(u => u.Assignment).FirstOrDefault(a => a.UnitId == id);
        return response with
        {
            ForUnit = assignment is not null
                ? new UnitInvolvement(id, assignment.Role, ViaBlanketAssignment: false)
                : new UnitInvolvement(id, UnitRole.Responsible, ViaBlanketAssignment: true),
        };
    }
}

internal static class ListMeasuresEndpoint
{
    public static void MapForDocument(IEndpointRouteBuilder documentMeasures) =>
        documentMeasures.MapGet("/", async (Guid documentId, Guid? chapterId, Guid? parentId, DateTimeOffset? updatedSince, int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListMeasures(documentId, chapterId, parentId, null, null, null) { UpdatedSince = updatedSince, Limit = limit, Cursor = cursor }, ct)))
            .Describe("ListDocumentMeasures", "List a document's measures in document order", "Every measure, heading, sub-item and task row of the document, with responsible units and roles.")
            .WithProblems(400, 404);

    public static void Map(IEndpointRouteBuilder measures) =>
        measures.MapList<ListMeasures, MeasureResponse>("/")
            .Describe("ListMeasures", "List measures across documents", "Filter by document, chapter, parent, kind, responsible unit and role. With unitId, blanket assignments covering the unit's kind count as role responsible, and each item says how the unit is involved (forUnit).")
            .WithProblems(400, 404);
}
