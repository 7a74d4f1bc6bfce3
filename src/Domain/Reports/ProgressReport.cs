using PolicyApi.Domain.Supervision;

namespace PolicyApi.Domain.Reports;

/// <summary>
/// A unit's report on a measure and/or a target for one reporting period. Draft → submitted → accepted,
/// or returned with a reason and submitted again. Every change is kept as a revision with who made it
/// and when; an accepted report is final.
/// </summary>
public sealed class ProgressReport : AggregateRoot
{
    private readonly List<ReportRevision> _revisions = [];

    private ProgressReport()
    {
        PeriodCode = null!;
        EvidenceLinks = [];
        CreatedBy = null!;
    }

    public Guid UnitId { get; private set; }

    public Guid? MeasureId { get; private set; }

    public Guid? TargetId { get; private set; }

    public PeriodKind PeriodKind { get; private set; }

    public string PeriodCode { get; private set; }

    public DateOnly PeriodStart { get; private set; }

    public DateOnly PeriodEnd { get; private set; }

    public decimal? Value { get; private set; }

    public string? UnitOfMeasure { get; private set; }

    public string? Narrative { get; private set; }

    public string? Problems { get; private set; }

    public string? NextSteps { get; private set; }

    public SelfAssessment? SelfAssessment { get; private set; }

    public IReadOnlyList<string> EvidenceLinks { get; private set; }

    /// <summary>Why the figure departs from the unit's earlier ones, when it does (see <see cref="PlausibleValues"/>).</summary>
    public string? Correction { get; private set; }

    public ReportStatus Status { get; private set; }

    public string? ReturnReason { get; private set; }

    [MaxLength(TextLimits.Subject)]
    public string CreatedBy { get; private set; }

    public DateTimeOffset? FirstSubmittedAt { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    [MaxLength(TextLimits.Subject)]
    public string? SubmittedBy { get; private set; }

    public DateTimeOffset? ReviewedAt { get; private set; }

    [MaxLength(TextLimits.Subject)]
    public string? ReviewedBy { get; private set; }

    public int Revision { get; private set; }

    /// <summary>A correction was proposed and waits for a supervisor; the accepted content stands until it is accepted.</summary>
    public bool CorrectionPending { get; private set; }

    public IReadOnlyList<ReportRevision> Revisions => _revisions;

    public ReportingPeriod Period => ReportingPeriod.Parse(PeriodCode, "period");

    /// <summary>What the report says now.</summary>
    internal ReportContent Content => new(Value, UnitOfMeasure, Narrative, Problems, NextSteps, SelfAssessment, EvidenceLinks, Correction);

    /// <summary>Opens a draft report. The subject (measure, target or both) and the period are fixed from then on.</summary>
    public static ProgressReport Draft(Guid unitId, Guid? measureId, Guid? targetId, ReportingPeriod period, ReportContent content, Actor actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (measureId is null && targetId is null)
        {
            throw new DomainValidationException("measureId", "A report is about a measure, a target, or both.");
        }

        var report = new ProgressReport
        {
            UnitId = unitId,
            MeasureId = measureId,
            TargetId = targetId,
            PeriodKind = period.Kind,
            PeriodCode = period.Code,
            PeriodStart = period.Start,
            PeriodEnd = period.End,
            Status = ReportStatus.Draft,
            CreatedBy = actor.Subject,
        };
        report.Apply(content);
        report.Record(ReportAction.Created, actor, at);
        return report;
    }

    public void Edit(ReportContent content, Actor actor, DateTimeOffset at)
    {
        EnsureEditable();
        Apply(content);
        Record(ReportAction.Edited, actor, at);
    }

    public void Submit(Actor actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        switch (Status)
        {
            case ReportStatus.Submitted:
                throw new DomainRuleViolationException("report-already-submitted", "The report is already submitted and waits for review.");
            case ReportStatus.Accepted:
                throw new DomainRuleViolationException("report-accepted", "The report has been accepted; it is final.");
        }

        if (Narrative is null && Value is null)
        {
            throw new DomainValidationException("narrative", "A report is submitted with a value or a narrative (进展情况).");
        }

        Status = ReportStatus.Submitted;
        FirstSubmittedAt ??= at;
        SubmittedAt = at;
        SubmittedBy = actor.Subject;
        Record(ReportAction.Submitted, actor, at);
    }

    public void Accept(Actor actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EnsureUnderReview();
        Status = ReportStatus.Accepted;
        ReturnReason = null;
        ReviewedAt = at;
        ReviewedBy = actor.Subject;
        Record(ReportAction.Accepted, actor, at);
    }

    public void Return(string reason, Actor actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var why = Check.Required(reason, "reason", TextLimits.ReturnReason);
        EnsureUnderReview();
        Status = ReportStatus.Returned;
        ReturnReason = why;
        ReviewedAt = at;
        ReviewedBy = actor.Subject;
        Record(ReportAction.Returned, actor, at);
    }

    /// <summary>
    /// Proposes a correction of an accepted report (更正): kept as a revision beside the accepted content, which goes
    /// on counting until a supervisor accepts the correction. One at a time.
    /// </summary>
    public void ProposeCorrection(ReportContent content, string reason, Actor actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(actor);
        var why = Check.Required(reason, "reason", TextLimits.ReturnReason);
        if (Status != ReportStatus.Accepted)
        {
            throw new DomainRuleViolationException("report-not-accepted", "Only an accepted report is corrected this way; a draft or returned report is edited.");
        }

        if (CorrectionPending)
        {
            throw new DomainRuleViolationException("correction-pending", "A correction of this report already waits for review.");
        }

        var proposed = Snapshot(content);
        CorrectionPending = true;
        Revision++;
        _revisions.Add(ReportRevision.WithNote(this, ReportAction.CorrectionProposed, proposed, why, actor, at));
        Changed();
    }

    /// <summary>A supervisor accepts the proposed correction (<paramref name="proposal"/>, its revision): the report takes its content.</summary>
    public void AcceptCorrection(ReportRevision proposal, Actor actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        EnsureCorrectionPending();
        CorrectionPending = false;
        Apply(proposal.Content);
        ReviewedAt = at;
        ReviewedBy = actor.Subject;
        Record(ReportAction.Corrected, actor, at);
    }

    /// <summary>A supervisor turns the proposed correction down; the accepted content stands.</summary>
    public void RejectCorrection(string reason, Actor actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var why = Check.Required(reason, "reason", TextLimits.ReturnReason);
        EnsureCorrectionPending();
        CorrectionPending = false;
        Revision++;
        _revisions.Add(ReportRevision.WithNote(this, ReportAction.CorrectionRejected, Snapshot(null), why, actor, at));
        Changed();
    }

    private void EnsureCorrectionPending()
    {
        if (!CorrectionPending)
        {
            throw new DomainRuleViolationException("no-correction-pending", "No correction of this report waits for review.");
        }
    }

    /// <summary>The content a revision keeps: <paramref name="content"/> checked as an edit would be, or the report's own.</summary>
    private ReportContent Snapshot(ReportContent? content)
    {
        if (content is null)
        {
            return Content;
        }

        var kept = Content;
        Apply(content); // the same checks as an edit
        var checkedContent = Content;
        Apply(kept);
        return checkedContent;
    }

    /// <summary>A file was added to or removed from the report: its representation (and so its version) changed.</summary>
    internal void EvidenceChanged() => Changed();

    /// <summary>Files can be added while the report can still be edited: a draft, or returned for rework.</summary>
    public void EnsureOpenForEvidence()
    {
        switch (Status)
        {
            case ReportStatus.Submitted:
                throw new DomainRuleViolationException("report-under-review", "The report is submitted and under review; files can be added only after it is returned.");
            case ReportStatus.Accepted:
                throw new DomainRuleViolationException("report-accepted", "The report has been accepted; its files are final.");
        }
    }

    /// <summary>
    /// A draft that was never submitted may be thrown away; a report once submitted stays in the record (its history
    /// answers what was known on earlier dates) and is edited after it is returned instead.
    /// </summary>
    public void EnsureCanBeDeleted()
    {
        if (Status != ReportStatus.Draft || FirstSubmittedAt is not null)
        {
            throw new DomainRuleViolationException("report-not-draft", "Only a draft that was never submitted can be deleted; a submitted report stays in the record (edit it once it is returned).");
        }
    }

    private void EnsureEditable()
    {
        switch (Status)
        {
            case ReportStatus.Submitted:
                throw new DomainRuleViolationException("report-under-review", "The report is submitted and under review; it can be changed only after it is returned.");
            case ReportStatus.Accepted:
                throw new DomainRuleViolationException("report-accepted", "The report has been accepted; it is final and is never changed in place.");
        }
    }

    private void EnsureUnderReview()
    {
        switch (Status)
        {
            case ReportStatus.Draft:
                throw new DomainRuleViolationException("report-not-submitted", "The report is a draft; only a submitted report can be reviewed.");
            case ReportStatus.Returned:
                throw new DomainRuleViolationException("report-not-submitted", "The report was returned and has not been submitted again.");
            case ReportStatus.Accepted:
                throw new DomainRuleViolationException("report-accepted", "The report has already been accepted.");
        }
    }

    private void Apply(ReportContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        Value = content.Value;
        UnitOfMeasure = Check.Optional(content.UnitOfMeasure, "unitOfMeasure", TextLimits.UnitOfMeasure);
        Narrative = Check.Optional(content.Narrative, "narrative", TextLimits.Narrative);
        Problems = Check.Optional(content.Problems, "problems", TextLimits.Narrative);
        NextSteps = Check.Optional(content.NextSteps, "nextSteps", TextLimits.Narrative);
        SelfAssessment = content.SelfAssessment is { } s ? Check.Defined(s, "selfAssessment") : null;
        if (content.EvidenceLinks.Count > TextLimits.EvidenceLinkCount)
        {
            throw new DomainValidationException("evidenceLinks", $"At most {TextLimits.EvidenceLinkCount} evidence links.");
        }

        EvidenceLinks = [.. content.EvidenceLinks.Select((link, i) => EvidenceLink(link, $"evidenceLinks[{i}]"))];
        Correction = Check.Optional(content.Correction, "correction", TextLimits.ReturnReason);
    }

    private static string EvidenceLink(string link, string field)
    {
        var text = Check.Required(link, field, TextLimits.EvidenceLink);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new DomainValidationException(field, "An evidence link is an absolute http(s) URL.");
        }

        return text;
    }

    private void Record(ReportAction action, Actor actor, DateTimeOffset at)
    {
        Revision++;
        _revisions.Add(new ReportRevision(this, action, actor, at));
        if (Revision > 1)
        {
            Changed();
        }
    }
}

/// <summary>One kept version of a report: the whole content and status after a change, and who made it when.</summary>
public sealed class ReportRevision
{
    private ReportRevision()
    {
        PeriodCode = null!;
        EvidenceLinks = [];
        ActorSubject = null!;
    }

    internal ReportRevision(ProgressReport report, ReportAction action, Actor actor, DateTimeOffset at)
        : this(report, action, report.Content, report.ReturnReason, actor, at)
    {
    }

    private ReportRevision(ProgressReport report, ReportAction action, ReportContent content, string? returnReason, Actor actor, DateTimeOffset at)
    {
        ReportId = report.Id;
        Number = report.Revision;
        Action = action;
        Status = report.Status;
        PeriodCode = report.PeriodCode;
        Value = content.Value;
        UnitOfMeasure = content.UnitOfMeasure;
        Narrative = content.Narrative;
        Problems = content.Problems;
        NextSteps = content.NextSteps;
        SelfAssessment = content.SelfAssessment;
        EvidenceLinks = content.EvidenceLinks;
        Correction = content.Correction;
        ReturnReason = returnReason;
        ActorSubject = actor.Subject;
        ActorRole = actor.Role;
        ActorUnitId = actor.UnitId;
        At = at;
    }

    /// <summary>A revision that keeps <paramref name="content"/> rather than the report's own (a proposed correction), with a note.</summary>
    internal static ReportRevision WithNote(ProgressReport report, ReportAction action, ReportContent content, string note, Actor actor, DateTimeOffset at) =>
        new(
            report,
            action,
            action == ReportAction.CorrectionProposed ? content with { Correction = note } : content,
            action == ReportAction.CorrectionRejected ? note : null,
            actor,
            at);

    public Guid ReportId { get; private set; }

    public int Number { get; private set; }

    public ReportAction Action { get; private set; }

    public ReportStatus Status { get; private set; }

    public string PeriodCode { get; private set; }

    public decimal? Value { get; private set; }

    public string? UnitOfMeasure { get; private set; }

    public string? Narrative { get; private set; }

    public string? Problems { get; private set; }

    public string? NextSteps { get; private set; }

    public SelfAssessment? SelfAssessment { get; private set; }

    public IReadOnlyList<string> EvidenceLinks { get; private set; }

    public string? ReturnReason { get; private set; }

    public string? Correction { get; private set; }

    [MaxLength(TextLimits.Subject)]
    public string ActorSubject { get; private set; }

    [MaxLength(40)]
    public string? ActorRole { get; private set; }

    public Guid? ActorUnitId { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>What the report said in this revision (for a proposed correction: what it would say).</summary>
    public ReportContent Content => new(Value, UnitOfMeasure, Narrative, Problems, NextSteps, SelfAssessment, EvidenceLinks, Correction);
}
