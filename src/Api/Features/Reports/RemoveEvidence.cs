using PolicyApi.Infrastructure.Attachments;

namespace PolicyApi.Api.Features.Reports;

public sealed record RemoveEvidence(Guid ReportId, Guid FileId) : ICommand;

public sealed class RemoveEvidenceHandler(PolicyDbContext db, ReportSubjects subjects, IAttachmentStore store, Representations representations)
    : AsyncRequestHandler<RemoveEvidence>
{
    protected override async Task Handle(RemoveEvidence request, CancellationToken cancellationToken)
    {
        var (report, unit) = await subjects.LoadAsync(request.ReportId, cancellationToken);
        var file = await db.EvidenceFiles.SingleOrDefaultAsync(f => f.Id == request.FileId && f.ReportId == report.Id, cancellationToken)
            ?? throw new ResourceNotFoundException("Evidence file", request.FileId);
        representations.EnsureMatch(ReportResponse.From(report, unit));
        EvidenceFile.Remove(report);
        db.EvidenceFiles.Remove(file);
        await db.SaveChangesAsync(cancellationToken);
        await store.RemovedAsync(file.Id, cancellationToken);
    }
}

internal static class RemoveEvidenceEndpoint
{
    public static void Map(IEndpointRouteBuilder reports) =>
        reports.MapDeleteResource<RemoveEvidence>("/{reportId}/attachments/{fileId}", 400, 404, 409)
            .Describe("RemoveEvidence", "Remove an evidence file", "Only while the report is a draft (409 once submitted: the files are part of what was reviewed). Requires If-Match with the report's ETag.");
}
