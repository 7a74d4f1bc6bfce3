namespace PolicyApi.Api.Features.Exports;

/// <summary>A row of the task decomposition table (任务分解表): a measure with its units by role.</summary>
/// <param name="Deadline">The completion deadline (完成时限) as written, e.g. 2021年6月底前 or 长期坚持.</param>
public sealed record TaskTableRow(
    int Sequence,
    string? Chapter,
    string Label,
    string Title,
    string? KeyWork,
    MeasureKind Kind,
    IReadOnlyList<string> Lead,
    IReadOnlyList<string> Cooperating,
    IReadOnlyList<string> Responsible,
    string? BlanketAssignment,
    string? Deadline);

public sealed record TaskTableResponse(Guid DocumentId, string Title, string? DocNumber, IReadOnlyList<TaskTableRow> Rows);

/// <summary>A document's task decomposition table: every measure, sub-item and task row in document order with its units by role.</summary>
public sealed record GetTaskTable(Guid DocumentId) : IQuery<TaskTableResponse>;

public sealed class GetTaskTableHandler(PolicyDbContext db) : MediatR.IRequestHandler<GetTaskTable, TaskTableResponse>
{
    public async Task<TaskTableResponse> Handle(GetTaskTable request, CancellationToken cancellationToken)
    {
        var document = await db.Documents.AsNoTracking()
            .Include(d => d.Chapters)
            .Include(d => d.Measures).ThenInclude(m => m.Assignments)
            .AsSplitQuery()
            .SingleOrDefaultAsync(d => d.Id == request.DocumentId, cancellationToken)
            ?? throw new ResourceNotFoundException("Document", request.DocumentId);
        var unitIds = document.Measures.SelectMany(m => m.Assignments).Select(a => a.UnitId).Distinct().ToList();
        var names = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var chapters = document.Chapters.ToDictionary(c => c.Id, c => c.Label + c.Title);
        var rows = document.Measures
            .Where(m => m.Kind is MeasureKind.Measure or MeasureKind.SubItem or MeasureKind.Task)
            .OrderBy(m => m.Sequence)
            .Select(m =>
            {
                string[] Units(UnitRole role) => [.. m.Assignments.Where(a => a.Role == role).OrderBy(a => a.Sequence).Select(a => names[a.UnitId])];
                return new TaskTableRow(
                    m.Sequence,
                    m.ChapterId is { } c ? chapters[c] : null,
                    m.Label,
                    m.Title,
                    m.KeyWork,
                    m.Kind,
                    Units(UnitRole.Lead),
                    Units(UnitRole.Cooperating),
                    Units(UnitRole.Responsible),
                    m.BlanketAssignment?.Text,
                    m.Deadline);
            })
            .ToList();
        return new TaskTableResponse(document.Id, document.Title, document.DocNumber, rows);
    }
}

public static class TaskTableSheets
{
    public static IReadOnlyList<ExportSheet> Of(TaskTableResponse table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return
        [
            new ExportSheet(
                "任务分解表 Tasks",
                ["序号 No.", "章节 Chapter", "编号 Label", "任务 Title", "重点工作 Key work", "牵头单位 Lead", "配合单位 Cooperating", "责任单位 Responsible", "各地落实 Blanket", "完成时限 Deadline"],
                [.. table.Rows.Select(r => (IReadOnlyList<object?>)[r.Sequence, r.Chapter, r.Label, r.Title, r.KeyWork, string.Join("、", r.Lead), string.Join("、", r.Cooperating), string.Join("、", r.Responsible), r.BlanketAssignment, r.Deadline])]),
        ];
    }
}

internal static class GetTaskTableEndpoint
{
    public static void Map(IEndpointRouteBuilder documents) =>
        documents.MapGet("/{documentId}/task-table", async (Guid documentId, string? format, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var exportFormat = TabularExport.Negotiate(http, format);
                var table = await mediator.Send(new GetTaskTable(documentId), ct);
                return exportFormat == ExportFormat.Json
                    ? Results.Ok(table)
                    : TabularExport.File(exportFormat, "task-table", TaskTableSheets.Of(table));
            })
            .Describe("GetTaskTable", "A document's task decomposition table (任务分解表)", "Measures, sub-items and task rows in document order with their lead, cooperating and responsible units. JSON, CSV or XLSX as for bulletins.")
            .ProducesTable<TaskTableResponse>()
            .WithProblems(400, 404, 406);
}
