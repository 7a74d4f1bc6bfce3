namespace PolicyApi.Domain.Reports;

/// <summary>
/// A file that backs a progress report (证明材料: a photo, a scanned letter, a signed table). Its bytes are kept by the
/// attachment store; this is what is known about them. The type is the one the bytes show, not the one the sender claimed.
/// </summary>
public sealed class EvidenceFile
{
    private EvidenceFile()
    {
        FileName = null!;
        ContentType = null!;
        Sha256 = null!;
        UploadedBy = null!;
    }

    private EvidenceFile(Guid reportId, string fileName, string contentType, long size, string sha256, string uploadedBy, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        ReportId = reportId;
        FileName = fileName;
        ContentType = contentType;
        Size = size;
        Sha256 = sha256;
        UploadedBy = uploadedBy;
        UploadedAt = at;
    }

    public const int MaxPerReport = 20;

    public Guid Id { get; private set; }

    public Guid ReportId { get; private set; }

    [MaxLength(TextLimits.FileName)]
    public string FileName { get; private set; }

    [MaxLength(100)]
    public string ContentType { get; private set; }

    public long Size { get; private set; }

    /// <summary>SHA-256 of the bytes, hex: what a later reader checks the download against.</summary>
    [MaxLength(64)]
    public string Sha256 { get; private set; }

    [MaxLength(TextLimits.Subject)]
    public string UploadedBy { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }

    /// <summary>A file for <paramref name="report"/>, which must still be open to changes (a draft or returned).</summary>
    public static EvidenceFile For(ProgressReport report, int alreadyAttached, string fileName, string contentType, long size, string sha256, Actor actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(actor);
        report.EnsureOpenForEvidence();
        if (alreadyAttached >= MaxPerReport)
        {
            throw new DomainRuleViolationException("too-many-attachments", $"A report carries at most {MaxPerReport} files.");
        }

        var name = Check.Required(fileName, "file", TextLimits.FileName);
        report.EvidenceChanged(); // the report's version guards the change: a submit racing it makes one of them a conflict
        return new EvidenceFile(report.Id, name, contentType, size, sha256, actor.Subject, at);
    }

    /// <summary>A file may be taken away only while its report is a draft: once submitted, it is part of what was reviewed.</summary>
    public static void Remove(ProgressReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Status != ReportStatus.Draft)
        {
            throw new DomainRuleViolationException("evidence-fixed", "Files can be removed only while the report is a draft; once submitted they are part of what was reviewed.");
        }

        report.EvidenceChanged();
    }
}
