namespace PolicyApi.Domain.Importing;

public enum ImportStatus
{
    /// <summary>Read and waiting to be checked; can be committed until it expires.</summary>
    Draft,

    /// <summary>Turned into a document; cannot be committed again.</summary>
    Committed,
}

/// <summary>
/// A document text submitted for import and the draft read from it, kept until it is committed or expires. The
/// draft is kept as the JSON it was answered with, so what the caller checked is what is committed. A draft is
/// committed once, before it expires.
/// </summary>
public sealed class DocumentImport
{
    private DocumentImport()
    {
        Region = null!;
        Text = null!;
        DraftJson = null!;
        CreatedBy = null!;
    }

    public Guid Id { get; private set; }

    [MaxLength(TextLimits.Region)]
    public string Region { get; private set; }

    public string Text { get; private set; }

    public string DraftJson { get; private set; }

    public ImportStatus Status { get; private set; }

    [MaxLength(TextLimits.Subject)]
    public string CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? CommittedAt { get; private set; }

    [MaxLength(TextLimits.Subject)]
    public string? CommittedBy { get; private set; }

    public Guid? DocumentId { get; private set; }

    /// <summary>Bumped on each correction and on commit; two writers racing for the same draft cannot both succeed.</summary>
    public int Version { get; private set; }

    public static DocumentImport Start(string region, string text, string draftJson, string createdBy, DateTimeOffset now, TimeSpan lifetime) => new()
    {
        Id = Guid.CreateVersion7(),
        Region = region,
        Text = text,
        DraftJson = draftJson,
        Status = ImportStatus.Draft,
        CreatedBy = createdBy,
        CreatedAt = now,
        ExpiresAt = now + lifetime,
    };

    /// <summary>A draft not committed by the end of its lifetime is gone: it can no longer be committed.</summary>
    public bool HasExpired(DateTimeOffset now) => Status != ImportStatus.Committed && ExpiresAt <= now;

    public string ExpiryNotice => $"Import {Id} expired at {ExpiresAt:u}; submit the text again for a fresh draft.";

    /// <summary>Refuses a draft already committed or expired (a use case answers an expired one as gone first).</summary>
    public void EnsureCommittable(DateTimeOffset now)
    {
        if (Status == ImportStatus.Committed)
        {
            throw new DomainRuleViolationException("import-already-committed", $"Import {Id} was already committed as document {DocumentId}.");
        }

        if (HasExpired(now))
        {
            throw new DomainRuleViolationException("import-expired", ExpiryNotice);
        }
    }

    /// <summary>Keeps a draft as a person corrected it (units read from a list the importer could not read, a target's basedOn …).</summary>
    public void Revise(string draftJson, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(draftJson);
        EnsureCommittable(now);
        DraftJson = draftJson;
        Version++;
    }

    public void Commit(Guid documentId, string by, DateTimeOffset now)
    {
        EnsureCommittable(now);
        Status = ImportStatus.Committed;
        CommittedAt = now;
        CommittedBy = by;
        DocumentId = documentId;
        Version++;
    }
}
