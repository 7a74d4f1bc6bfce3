namespace PolicyApi.Api.Features.Reports;

/// <summary>A file that backs a report.</summary>
/// <param name="Id">The file's id.</param>
/// <param name="ReportId">Its report.</param>
/// <param name="FileName">The name it was uploaded under, e.g. 6月到资凭证.pdf.</param>
/// <param name="ContentType">The type its bytes show (not the one the uploader claimed).</param>
/// <param name="Size">Bytes.</param>
/// <param name="Sha256">SHA-256 of the bytes, hex.</param>
/// <param name="UploadedBy">Who uploaded it.</param>
/// <param name="UploadedAt">When.</param>
public sealed record EvidenceResponse(Guid Id, Guid ReportId, string FileName, string ContentType, long Size, string Sha256, string UploadedBy, DateTimeOffset UploadedAt)
{
    public static EvidenceResponse From(EvidenceFile f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new(f.Id, f.ReportId, f.FileName, f.ContentType, f.Size, f.Sha256.Trim(), f.UploadedBy, f.UploadedAt);
    }
}

/// <summary>Configuration section <c>Attachments</c>.</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Attachments";

    /// <summary>The largest file accepted, in bytes (default 10 MiB); a larger upload is a 413 and stores nothing.</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Room for the multipart form around the file (part headers, boundaries).</summary>
    public const long FormOverhead = 64 * 1024;
}
