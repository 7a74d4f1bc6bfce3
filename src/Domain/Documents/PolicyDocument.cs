using PolicyApi.Domain.Supervision;
using PolicyApi.Domain.Units;

namespace PolicyApi.Domain.Documents;

/// <summary>
/// An issued policy document (政策文件) with its chapters and measures in document order and the
/// units assigned to each measure. Any change of structure bumps the document's version, so two
/// editors restructuring the same document at once cannot both succeed.
/// </summary>
public sealed class PolicyDocument : AggregateRoot
{
    private readonly List<Chapter> _chapters = [];
    private readonly List<Measure> _measures = [];

    private PolicyDocument()
    {
        Title = null!;
        Region = null!;
        BasisDocuments = [];
    }

    private PolicyDocument(DocumentDetails details)
        : this()
    {
        Apply(details);
    }

    [MaxLength(TextLimits.Title)]
    public string Title { get; private set; }

    /// <summary>The 文号 as written, e.g. 连政发〔2020〕62号; some documents have none.</summary>
    [MaxLength(TextLimits.DocNumber)]
    public string? DocNumber { get; private set; }

    /// <summary>The folded form of <see cref="DocNumber"/> that uniqueness is checked on.</summary>
    [MaxLength(TextLimits.DocNumber)]
    public string? DocNumberKey { get; private set; }

    [MaxLength(TextLimits.Issuer)]
    public string? Issuer { get; private set; }

    /// <summary>The region whose unit registry the document's unit names are read against, e.g. 连云港市.</summary>
    [MaxLength(TextLimits.Region)]
    public string Region { get; private set; }

    public DateOnly? IssuedOn { get; private set; }

    public DocumentKind Kind { get; private set; }

    public DateOnly? PeriodFrom { get; private set; }

    public DateOnly? PeriodTo { get; private set; }

    /// <summary>Free references to the documents this one implements, e.g. 《国务院关于进一步做好利用外资工作的意见》（国发〔2019〕23号）.</summary>
    public IReadOnlyList<string> BasisDocuments { get; private set; }

    public DocumentStatus Status { get; private set; }

    /// <summary>The reporting calendar (周跟踪、月通报…); measures and targets may override it.</summary>
    public CadenceFrequency? CadenceFrequency { get; private set; }

    public int? CadenceGraceDays { get; private set; }

    public ReportingCadence? Cadence => CadenceFrequency is { } f ? new ReportingCadence(f, CadenceGraceDays ?? 0) : null;

    public IReadOnlyList<Chapter> Chapters => _chapters;

    public IReadOnlyList<Measure> Measures => _measures;

    public static PolicyDocument Create(DocumentDetails details) => new(details);

    /// <summary>Replaces the editor-owned fields. The region cannot change once measures have units assigned.</summary>
    public void Revise(DocumentDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (details.Region != Region && _measures.Any(m => m.Assignments.Count > 0))
        {
            throw new DomainRuleViolationException(
                "document-region-locked",
                "The region cannot change while measures have units of that region assigned.",
                "region");
        }

        Apply(details);
        foreach (var measure in _measures)
        {
            // 年底前 falls in the document's year: a new period or issue date moves it.
            measure.DateDeadline(Year);
        }

        Changed();
    }

    /// <summary>Throws unless nothing is attached to the document any more.</summary>
    public void EnsureCanBeDeleted()
    {
        if (_chapters.Count > 0 || _measures.Count > 0)
        {
            throw new DomainRuleViolationException(
                "document-not-empty",
                $"The document still has {_chapters.Count} chapter(s) and {_measures.Count} measure(s); delete them first.");
        }
    }

    public Chapter AddChapter(ChapterDetails details, int? position = null)
    {
        ArgumentNullException.ThrowIfNull(details);
        var sequence = ClampPosition(position, _chapters.Count, "sequence");
        var chapter = new Chapter(Id, details, _chapters.Count + 1);
        _chapters.Add(chapter);
        Reorder(_chapters, chapter, sequence, (c, s) => c.MoveTo(s), c => c.Sequence);
        Changed();
        return chapter;
    }

    public Chapter ReviseChapter(Guid chapterId, ChapterDetails details, int? position = null)
    {
        var chapter = ChapterOf(chapterId);
        chapter.Revise(details);
        if (position is not null)
        {
            Reorder(_chapters, chapter, ClampPosition(position, _chapters.Count - 1, "sequence"), (c, s) => c.MoveTo(s), c => c.Sequence);
            Changed();
        }

        return chapter;
    }

    public void RemoveChapter(Guid chapterId)
    {
        var chapter = ChapterOf(chapterId);
        var inside = _measures.Count(m => m.ChapterId == chapterId);
        if (inside > 0)
        {
            throw new DomainRuleViolationException(
                "chapter-not-empty",
                $"Chapter {chapter.Label}{chapter.Title} still holds {inside} measure(s); move or delete them first.");
        }

        _chapters.Remove(chapter);
        Renumber(_chapters, (c, s) => c.MoveTo(s), c => c.Sequence);
        Changed();
    }

    public Measure AddMeasure(MeasureDetails details, int? position = null)
    {
        ArgumentNullException.ThrowIfNull(details);
        var sequence = ClampPosition(position, _measures.Count, "sequence");
        var measure = new Measure(Id, CheckPlacement(details, measureId: null), _measures.Count + 1, Year);
        _measures.Add(measure);
        Reorder(_measures, measure, sequence, (m, s) => m.MoveTo(s), m => m.Sequence);
        Changed();
        return measure;
    }

    public Measure ReviseMeasure(Guid measureId, MeasureDetails details, int? position = null)
    {
        ArgumentNullException.ThrowIfNull(details);
        var measure = MeasureOf(measureId);
        var structural = measure.ParentId != details.ParentId || measure.ChapterId != details.ChapterId || position is not null;
        measure.Revise(CheckPlacement(details, measureId), Year);
        if (position is not null)
        {
            Reorder(_measures, measure, ClampPosition(position, _measures.Count - 1, "sequence"), (m, s) => m.MoveTo(s), m => m.Sequence);
        }

        if (structural)
        {
            Changed();
        }

        return measure;
    }

    public void RemoveMeasure(Guid measureId)
    {
        var measure = MeasureOf(measureId);
        var children = _measures.Count(m => m.ParentId == measureId);
        if (children > 0)
        {
            throw new DomainRuleViolationException(
                "measure-has-sub-items",
                $"Measure {measure.Label}{measure.Title} still has {children} sub-item(s); delete them first.");
        }

        _measures.Remove(measure);
        Renumber(_measures, (m, s) => m.MoveTo(s), m => m.Sequence);
        Changed();
    }

    /// <summary>Assigns a unit of the document's region to a measure with a role.</summary>
    public MeasureAssignment AssignUnit(Guid measureId, ResponsibleUnit unit, UnitRole role)
    {
        ArgumentNullException.ThrowIfNull(unit);
        if (unit.Region != Region)
        {
            throw new DomainRuleViolationException(
                "unit-of-another-region",
                $"{unit.Name} belongs to {unit.Region}; this document's units must belong to {Region}.",
                "unitId");
        }

        return MeasureOf(measureId).Assign(unit, role);
    }

    public MeasureAssignment ChangeAssignmentRole(Guid measureId, Guid assignmentId, UnitRole role) =>
        MeasureOf(measureId).ChangeRole(assignmentId, role);

    public void UnassignUnit(Guid measureId, Guid assignmentId) => MeasureOf(measureId).Unassign(assignmentId);

    /// <summary>The chapter with this id, or null when the document has none (a use case answers that as not found).</summary>
    public Chapter? FindChapter(Guid chapterId) => _chapters.FirstOrDefault(c => c.Id == chapterId);

    /// <summary>The measure with this id, or null when the document has none (a use case answers that as not found).</summary>
    public Measure? FindMeasure(Guid measureId) => _measures.FirstOrDefault(m => m.Id == measureId);

    /// <summary>The year the document's undated deadlines (年底前, 6月底前) fall in: its period's, else its issue's.</summary>
    private int? Year => PeriodFrom?.Year ?? IssuedOn?.Year;

    private Chapter ChapterOf(Guid chapterId) =>
        FindChapter(chapterId) ?? throw new DomainValidationException("chapterId", $"The document has no chapter {chapterId}.");

    private Measure MeasureOf(Guid measureId) =>
        FindMeasure(measureId) ?? throw new DomainValidationException("measureId", $"The document has no measure {measureId}.");

    private MeasureDetails CheckPlacement(MeasureDetails details, Guid? measureId)
    {
        var chapterId = details.ChapterId;
        if (chapterId is not null && _chapters.All(c => c.Id != chapterId))
        {
            throw new DomainValidationException("chapterId", $"This document has no chapter {chapterId}.");
        }

        if (details.ParentId is { } parentId)
        {
            var parent = _measures.FirstOrDefault(m => m.Id == parentId)
                ?? throw new DomainValidationException("parentId", $"This document has no measure {parentId}.");
            for (var ancestor = parent; ancestor is not null; ancestor = _measures.FirstOrDefault(m => m.Id == ancestor.ParentId))
            {
                if (ancestor.Id == measureId)
                {
                    throw new DomainValidationException("parentId", "A measure cannot be placed under itself or one of its own sub-items.");
                }
            }

            // A sub-item sits in its parent's chapter; saying otherwise is a contradiction, saying nothing inherits it.
            if (chapterId is not null && chapterId != parent.ChapterId)
            {
                throw new DomainValidationException("chapterId", $"The parent measure {parent.Label} is in another chapter.");
            }

            chapterId = parent.ChapterId;
        }

        return details with { ChapterId = chapterId };
    }

    private static int ClampPosition(int? position, int count, string field)
    {
        if (position is null)
        {
            return count + 1;
        }

        if (position < 1 || position > count + 1)
        {
            throw new DomainValidationException(field, $"'{field}' must be between 1 and {count + 1}.");
        }

        return position.Value;
    }

    private static void Reorder<T>(List<T> items, T moved, int sequence, Action<T, int> moveTo, Func<T, int> sequenceOf)
    {
        var ordered = items.Where(i => !ReferenceEquals(i, moved)).OrderBy(sequenceOf).ToList();
        ordered.Insert(sequence - 1, moved);
        for (var i = 0; i < ordered.Count; i++)
        {
            moveTo(ordered[i], i + 1);
        }
    }

    private static void Renumber<T>(List<T> items, Action<T, int> moveTo, Func<T, int> sequenceOf)
    {
        var ordered = items.OrderBy(sequenceOf).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            moveTo(ordered[i], i + 1);
        }
    }

    private void Apply(DocumentDetails details)
    {
        Title = Check.Required(details.Title, "title", TextLimits.Title);
        var number = DocumentNumber.From(details.DocNumber);
        DocNumber = number?.Value;
        DocNumberKey = number?.Key;
        Issuer = Check.Optional(details.Issuer, "issuer", TextLimits.Issuer);
        Region = Check.Required(details.Region, "region", TextLimits.Region);
        IssuedOn = details.IssuedOn;
        Kind = Check.Defined(details.Kind, "kind");
        Status = Check.Defined(details.Status, "status");
        if (details.PeriodFrom is { } from && details.PeriodTo is { } to && to < from)
        {
            throw new DomainValidationException("period.to", "The period cannot end before it starts.");
        }

        PeriodFrom = details.PeriodFrom;
        PeriodTo = details.PeriodTo;
        CadenceFrequency = details.Cadence?.Frequency;
        CadenceGraceDays = details.Cadence?.GraceDays;
        ArgumentNullException.ThrowIfNull(details.BasisDocuments);
        if (details.BasisDocuments.Count > TextLimits.BasisDocumentCount)
        {
            throw new DomainValidationException("basisDocuments", $"At most {TextLimits.BasisDocumentCount} basis documents.");
        }

        BasisDocuments = [.. details.BasisDocuments.Select((b, i) => Check.Required(b, $"basisDocuments[{i}]", TextLimits.BasisDocument))];
    }
}
