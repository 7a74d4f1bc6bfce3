namespace PolicyApi.Domain.Documents;

/// <summary>A top-level section of a document: 一、加强对稳外资工作领导.</summary>
public sealed class Chapter : VersionedEntity
{
    private Chapter()
    {
        Label = null!;
        Title = null!;
    }

    internal Chapter(Guid documentId, ChapterDetails details, int sequence)
    {
        DocumentId = documentId;
        Label = null!;
        Title = null!;
        Apply(details);
        Sequence = sequence;
    }

    public Guid DocumentId { get; private set; }

    /// <summary>The label exactly as written, e.g. 一、</summary>
    [MaxLength(TextLimits.Label)]
    public string Label { get; private set; }

    [MaxLength(TextLimits.Title)]
    public string Title { get; private set; }

    /// <summary>1-based position among the document's chapters.</summary>
    public int Sequence { get; private set; }

    internal void Revise(ChapterDetails details)
    {
        Apply(details);
        Changed();
    }

    internal void MoveTo(int sequence)
    {
        if (Sequence != sequence)
        {
            Sequence = sequence;
            Changed();
        }
    }

    private void Apply(ChapterDetails details)
    {
        Label = Check.Required(details.Label, "label", TextLimits.Label);
        Title = Check.Required(details.Title, "title", TextLimits.Title);
    }
}
