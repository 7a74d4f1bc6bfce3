using PolicyApi.Domain.Supervision;
using PolicyApi.Domain.Units;

namespace PolicyApi.Domain.Documents;

/// <summary>
/// A numbered measure, task, heading or sub-item of a document, with the units responsible for it.
/// Part of the <see cref="PolicyDocument"/> aggregate: structure changes go through the document.
/// </summary>
public sealed class Measure : VersionedEntity
{
    private readonly List<MeasureAssignment> _assignments = [];

    private Measure()
    {
        Label = null!;
        Title = null!;
    }

    internal Measure(Guid documentId, MeasureDetails details, int sequence, int? documentYear)
    {
        DocumentId = documentId;
        Label = null!;
        Title = null!;
        Apply(details, documentYear);
        Sequence = sequence;
    }

    public Guid DocumentId { get; private set; }

    public Guid? ChapterId { get; private set; }

    public Guid? ParentId { get; private set; }

    /// <summary>The label exactly as written: （一）, 1., 一是.</summary>
    [MaxLength(TextLimits.Label)]
    public string Label { get; private set; }

    /// <summary>1-based position in document order, across chapters and levels.</summary>
    public int Sequence { get; private set; }

    /// <summary>The heading phrase, e.g. 建立领导推动机制.</summary>
    [MaxLength(TextLimits.MeasureTitle)]
    public string Title { get; private set; }

    [MaxLength(TextLimits.Body)]
    public string? Body { get; private set; }

    public MeasureKind Kind { get; private set; }

    /// <summary>For task-table rows: the 重点工作 column the row belongs to.</summary>
    [MaxLength(TextLimits.MeasureTitle)]
    public string? KeyWork { get; private set; }

    /// <summary>The completion deadline (完成时限) as written: 2021年6月底前, 长期坚持.</summary>
    [MaxLength(TextLimits.Deadline)]
    public string? Deadline { get; private set; }

    /// <summary>The last day <see cref="Deadline"/> allows, when it names one (2021年6月底前 → 2021-06-30; 长期坚持 → none).</summary>
    public DateOnly? DeadlineDate { get; private set; }

    public BlanketAssignment? BlanketAssignment =>
        BlanketText is null ? null : new BlanketAssignment(BlanketText, [.. (BlanketUnitKinds ?? []).Select(Enum.Parse<UnitKind>)]);

    // Stored flat (two columns) rather than as an owned type: a blanket assignment is optional and small.
    [MaxLength(TextLimits.BlanketAssignmentText)]
    private string? BlanketText { get; set; }

    private string[]? BlanketUnitKinds { get; set; }

    public IReadOnlyList<MeasureAssignment> Assignments => _assignments;

    /// <summary>The reporting calendar (周跟踪、月通报…); measures and targets may override it.</summary>
    public CadenceFrequency? CadenceFrequency { get; private set; }

    public int? CadenceGraceDays { get; private set; }

    public ReportingCadence? Cadence => CadenceFrequency is { } f ? new ReportingCadence(f, CadenceGraceDays ?? 0) : null;

    internal void Revise(MeasureDetails details, int? documentYear)
    {
        Apply(details, documentYear);
        Changed();
    }

    /// <summary>Reads the day of the deadline again in the document's year (年底前 of a document moved from 2021 to 2022).</summary>
    internal void DateDeadline(int? documentYear)
    {
        var day = Deadlines.LastDay(Deadline, documentYear);
        if (day != DeadlineDate)
        {
            DeadlineDate = day;
            Changed();
        }
    }

    internal void MoveTo(int sequence)
    {
        if (Sequence != sequence)
        {
            Sequence = sequence;
            Changed();
        }
    }

    internal MeasureAssignment Assign(ResponsibleUnit unit, UnitRole role)
    {
        if (_assignments.Any(a => a.UnitId == unit.Id))
        {
            throw new DomainRuleViolationException(
                "unit-already-assigned",
                $"{unit.Name} is already assigned to measure {Label} {Title}; change its role instead.",
                "unitId");
        }

        var assignment = new MeasureAssignment(Id, unit.Id, role, _assignments.Count == 0 ? 1 : _assignments.Max(a => a.Sequence) + 1);
        _assignments.Add(assignment);
        Changed();
        return assignment;
    }

    internal MeasureAssignment ChangeRole(Guid assignmentId, UnitRole role)
    {
        var assignment = AssignmentOf(assignmentId);
        assignment.ChangeRole(role);
        Changed();
        return assignment;
    }

    internal void Unassign(Guid assignmentId)
    {
        _assignments.Remove(AssignmentOf(assignmentId));
        Changed();
    }

    /// <summary>The assignment with this id, or null when the measure has none (a use case answers that as not found).</summary>
    public MeasureAssignment? FindAssignment(Guid assignmentId) => _assignments.FirstOrDefault(a => a.Id == assignmentId);

    private MeasureAssignment AssignmentOf(Guid assignmentId) =>
        FindAssignment(assignmentId) ?? throw new DomainValidationException("assignmentId", $"The measure has no assignment {assignmentId}.");

    private void Apply(MeasureDetails details, int? documentYear)
    {
        Label = Check.Required(details.Label, "label", TextLimits.Label);
        Title = Check.Required(details.Title, "title", TextLimits.MeasureTitle);
        Body = Check.Optional(details.Body, "body", TextLimits.Body);
        Kind = Check.Defined(details.Kind, "kind");
        KeyWork = Check.Optional(details.KeyWork, "keyWork", TextLimits.MeasureTitle);
        Deadline = Check.Optional(details.Deadline, "deadline", TextLimits.Deadline);
        DeadlineDate = Deadlines.LastDay(Deadline, documentYear);
        ChapterId = details.ChapterId;
        ParentId = details.ParentId;
        CadenceFrequency = details.Cadence?.Frequency;
        CadenceGraceDays = details.Cadence?.GraceDays;
        BlanketText = details.BlanketAssignment?.Text;
        BlanketUnitKinds = details.BlanketAssignment?.UnitKinds.Select(k => k.ToString()).ToArray();
    }
}
