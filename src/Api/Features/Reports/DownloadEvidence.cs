using PolicyApi.Infrastructure.Attachments;

namespace PolicyApi.Api.Features.Reports;

public sealed record DownloadEvidence(Guid ReportId, Guid FileId) : IQuery<EvidenceDownload>;

public sealed record EvidenceDownload(EvidenceFile File, byte[] Content);

public sealed class DownloadEvidenceHandler(PolicyDbContext db, ReportSubjects subjects, IAttachmentStore store) : MediatR.IRequestHandler<DownloadEvidence, EvidenceDownload>
{
    public async Task<EvidenceDownload> Handle(DownloadEvidence request, CancellationToken cancellationToken)
    {
        var unitId = await db.ProgressReports.Where(r => r.Id == request.ReportId).Select(r => (Guid?)r.UnitId).SingleOrDefaultAsync(cancellationToken)
            ?? throw new ResourceNotFoundException("Progress report", request.ReportId);
        subjects.EnsureVisible(unitId, request.ReportId);
        var file = await db.EvidenceFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == request.FileId && f.ReportId == request.ReportId, cancellationToken)
            ?? throw new ResourceNotFoundException("Evidence file", request.FileId);
        var content = await store.ReadAsync(file.Id, cancellationToken) ?? throw new ResourceNotFoundException("Evidence file", request.FileId);
        return new EvidenceDownload(file, content);
    }
}

internal static class DownloadEvidenceEndpoint
{
    public static void Map(IEndpointRouteBuilder reports) =>
        reports.MapGet("/{reportId}/attachments/{fileId}", async (Guid reportId, Guid fileId, IMediator mediator, CancellationToken ct) =>
            {
                var download = await mediator.Send(new DownloadEvidence(reportId, fileId), ct);
                return TypedResults.File(download.Content, download.File.ContentType, download.File.FileName, lastModified: download.File.UploadedAt, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{download.File.Sha256.Trim()}\""));
            })
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .Describe("DownloadEvidence", "Download an evidence file", "The bytes with the type they were stored under and Content-Disposition: attachment with the file's name (UTF-8 names as filename*).")
            .WithProblems(400, 404);
}
