namespace PolicyApi.Api.Features.Reports;

/// <summary>A report's evidence files, in the order they were uploaded.</summary>
/// <param name="ReportId">The progress report's id (UUID).</param>
public sealed record ListEvidence(Guid ReportId) : IQuery<EvidenceList>;

/// <summary>A report's files.</summary>
/// <param name="Items">The files, oldest first (at most 20).</param>
public sealed record EvidenceList(IReadOnlyList<EvidenceResponse> Items);

public sealed class ListEvidenceHandler(PolicyDbContext db, ReportSubjects subjects) : MediatR.IRequestHandler<ListEvidence, EvidenceList>
{
    public async Task<EvidenceList> Handle(ListEvidence request, CancellationToken cancellationToken)
    {
        var unitId = await db.ProgressReports.Where(r => r.Id == request.ReportId).Select(r => (Guid?)r.UnitId).SingleOrDefaultAsync(cancellationToken)
            ?? throw new ResourceNotFoundException("Progress report", request.ReportId);
        subjects.EnsureVisible(unitId, request.ReportId);
        var files = await db.EvidenceFiles.AsNoTracking().Where(f => f.ReportId == request.ReportId).OrderBy(f => f.Id).ToListAsync(cancellationToken);
        return new EvidenceList([.. files.Select(EvidenceResponse.From)]);
    }
}

internal static class ListEvidenceEndpoint
{
    public static void Map(IEndpointRouteBuilder reports) =>
        reports.MapQuery<ListEvidence, EvidenceList>("/{reportId}/attachments")
            .Describe("ListEvidence", "List a report's evidence files", "Name, type (as the bytes show it), size and SHA-256 of each file, oldest first.")
            .WithProblems(400, 404);
}
