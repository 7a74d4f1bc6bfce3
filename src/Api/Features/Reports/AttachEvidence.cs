using System.Security.Cryptography;
using PolicyApi.Infrastructure.Attachments;

namespace PolicyApi.Api.Features.Reports;

public sealed record AttachEvidence(Guid ReportId, string FileName, byte[] Content) : ICommand<EvidenceResponse>;

public sealed class AttachEvidenceHandler(PolicyDbContext db, ReportSubjects subjects, IAttachmentStore store, ICurrentCaller caller, ServiceClock clock)
    : MediatR.IRequestHandler<AttachEvidence, EvidenceResponse>
{
    public async Task<EvidenceResponse> Handle(AttachEvidence request, CancellationToken cancellationToken)
    {
        var (report, _) = await subjects.LoadAsync(request.ReportId, cancellationToken);
        var contentType = EvidenceKinds.Detect(request.Content, request.FileName)
            ?? throw new UnsupportedMediaTypeException($"an evidence file: {EvidenceKinds.Accepted}, named with its type's extension. The file's bytes and name are not one of these together");
        var attached = await db.EvidenceFiles.CountAsync(f => f.ReportId == report.Id, cancellationToken);
        var file = EvidenceFile.For(report, attached, request.FileName, contentType, request.Content.Length, Convert.ToHexStringLower(SHA256.HashData(request.Content)), caller.Actor, clock.Now);
        db.EvidenceFiles.Add(file);
        await store.PutAsync(file.Id, request.Content, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return EvidenceResponse.From(file);
    }
}

internal static class AttachEvidenceEndpoint
{
    public static void Map(IEndpointRouteBuilder reports) =>
        reports.MapPost("/{reportId}/attachments", async (Guid reportId, HttpRequest request, IMediator mediator, Microsoft.Extensions.Options.IOptions<AttachmentOptions> options, CancellationToken ct) =>
            {
                // The body limit (Attachments:MaxBytes and the form around it) is applied before anything reads the body (AbuseLimits).
                var max = options.Value.MaxBytes;
                if (!request.HasFormContentType)
                {
                    throw new UnsupportedMediaTypeException("multipart/form-data with the file in a part named file");
                }

                IFormCollection form;
                try
                {
                    form = await request.ReadFormAsync(ct);
                }
                catch (Exception e) when (e is InvalidDataException || (e is IOException && e is not BadHttpRequestException && !ct.IsCancellationRequested))
                {
                    // A body that ends before its closing boundary reads as the end of the stream.
                    throw new InvalidInputException("file", "The body is not well-formed multipart/form-data.");
                }

                var upload = form.Files.GetFile("file") ?? throw new InvalidInputException("file", "Send the file in a multipart part named file.");
                if (form.Files.GetFiles("file").Count > 1)
                {
                    throw new InvalidInputException("file", "Send one file per request: the body has more than one part named file.");
                }

                if (upload.Length > max)
                {
                    throw new PayloadTooLargeException(max);
                }

                var name = EvidenceKinds.CleanFileName(upload.FileName);
                if (name.Length == 0 || !StorableStringConverter.IsStorable(name))
                {
                    throw new InvalidInputException("file", "The file needs a name (of text that can be stored).");
                }

                using var buffer = new MemoryStream((int)upload.Length);
                await upload.CopyToAsync(buffer, ct);
                var file = await mediator.Send(new AttachEvidence(reportId, name, buffer.ToArray()), ct);
                return TypedResults.Created($"/api/v1/progress-reports/{reportId}/attachments/{file.Id}", file);
            })
            .WithMetadata(new FileUploadBodyAttribute())
            .Produces<EvidenceResponse>(StatusCodes.Status201Created)
            .DisableAntiforgery()
            .Describe("AttachEvidence", "Attach an evidence file to a report", "A photo, scan or document (证明材料) as multipart/form-data, part file. The type is told by the bytes: images, PDF and Office documents only (415 otherwise, whatever the name says); larger than Attachments:MaxBytes is a 413 and stores nothing. Only while the report is a draft or returned (409 once submitted or accepted); at most 20 per report.")
            .WithProblems(400, 404, 409, 413, 415);
}
