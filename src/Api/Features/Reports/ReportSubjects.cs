namespace PolicyApi.Api.Features.Reports;

/// <summary>What a report is about, with the rules that tie a report to its subject.</summary>
/// <param name="DocumentPeriod">The period the subject's document runs for, when it states one.</param>
public sealed record ReportSubject(UnitLabel Unit, Measure? Measure, Target? Target, (DateOnly From, DateOnly To)? DocumentPeriod = null)
{
    public string UnitName => Unit.Name;

    /// <summary>A report on a target is for a period within the target's; one on a measure, for a period that meets its document's.</summary>
    public void CheckPeriod(ReportingPeriod period)
    {
        if (Target is { } target && !period.Within(target.PeriodStart, target.PeriodEnd))
        {
            throw OutsideOf("target's", target.PeriodStart, target.PeriodEnd);
        }

        if (Target is null && DocumentPeriod is { } document && (period.End < document.From || period.Start > document.To))
        {
            throw OutsideOf("document's", document.From, document.To);
        }

        DomainValidationException OutsideOf(string whose, DateOnly from, DateOnly to) => new(
            "period",
            $"{period.Code} ({period.Start:yyyy-MM-dd}–{period.End:yyyy-MM-dd}) lies outside the {whose} period {from:yyyy-MM-dd}–{to:yyyy-MM-dd}.");
    }

    public void CheckUnitOfMeasure(string? unitOfMeasure, decimal? value)
    {
        if (Target is { } target)
        {
            if (unitOfMeasure is not null && TextKey.For(unitOfMeasure) != TextKey.For(target.ReportUnitOfMeasure))
            {
                throw new DomainValidationException("unitOfMeasure", $"Reports on this target are in {target.ReportUnitOfMeasure}, not {unitOfMeasure}.");
            }
        }
        else if (value is not null && unitOfMeasure is null)
        {
            throw new DomainValidationException("unitOfMeasure", "A value reported on a measure needs its unit of measure.");
        }
    }

    public void CheckReadyToSubmit(ProgressReport report)
    {
        if (Target is { Accumulation: not Accumulation.Count } && report.Value is null)
        {
            throw new DomainValidationException("value", "A report on a target is submitted with its value.");
        }
    }
}

/// <summary>Loads reports and their subjects as the caller may see them, and checks a figure against the unit's other figures.</summary>
public sealed class ReportSubjects(PolicyDbContext db, ICurrentCaller caller)
{
    /// <summary>Loads a report the caller may see: a reporter sees only its own unit's reports (another unit's is a 404).</summary>
    public async Task<(ProgressReport Report, UnitLabel Unit)> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var report = await db.ProgressReports.SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new ResourceNotFoundException("Progress report", id);
        EnsureVisible(report.UnitId, id);
        var unit = await db.Units.Where(u => u.Id == report.UnitId).Select(u => new UnitLabel(u.Name, u.Version)).SingleAsync(cancellationToken);
        return (report, unit);
    }

    public void EnsureVisible(Guid reportUnitId, Guid reportId)
    {
        if (caller.ReporterUnit is { } own && own != reportUnitId)
        {
            caller.MarkRefused();
            throw new ResourceNotFoundException("Progress report", reportId);
        }
    }

    /// <summary>
    /// Loads the subject and checks that the unit is responsible for it (409 otherwise). For a reporter: files only
    /// for its own unit (403), and only on measures and targets assigned to that unit — any other is answered as not
    /// found, so that the check reveals nothing (404).
    /// </summary>
    public async Task<ReportSubject> ResolveForCallerAsync(Guid unitId, Guid? measureId, Guid? targetId, CancellationToken cancellationToken)
    {
        var reporter = caller.ReporterUnit;
        if (reporter is { } own && own != unitId)
        {
            caller.MarkRefused();
            throw new ForbiddenException(ProblemTypes.ForRule("other-unit"), "A reporter files and edits reports for its own unit only.");
        }

        var (subject, responsible) = await ResolveAsync(unitId, measureId, targetId, cancellationToken);
        if (responsible)
        {
            return subject;
        }

        if (reporter is not null)
        {
            caller.MarkRefused();
            throw targetId is { } t ? new ResourceNotFoundException("Target", t) : new ResourceNotFoundException("Measure", measureId!.Value);
        }

        throw new DomainRuleViolationException(
            "unit-not-responsible",
            $"{subject.UnitName} is not responsible for this {(subject.Target is not null ? "target" : "measure")}: it has no share, scope or assignment on it.",
            "unitId");
    }

    /// <summary>
    /// The figure against the unit's figures for the neighbouring periods of the same target (submitted or accepted
    /// ones), by the target's accumulation (see <see cref="PlausibleValues"/>).
    /// </summary>
    public async Task CheckPlausibleAsync(ReportSubject subject, Guid unitId, Guid? reportId, ReportingPeriod period, ReportContent content, CancellationToken cancellationToken)
    {
        if (subject.Target is not { } target || content.Value is null)
        {
            return;
        }

        (string, decimal)? earlier = null, later = null;
        if (target.Accumulation == Accumulation.Cumulative && string.IsNullOrWhiteSpace(content.Correction))
        {
            var neighbours = db.ProgressReports.AsNoTracking()
                .Where(r => r.UnitId == unitId && r.TargetId == target.Id && r.Id != reportId && r.Value != null
                    && (r.Status == ReportStatus.Submitted || r.Status == ReportStatus.Accepted));
            // A cumulative figure is a total to the end of its period, so totals compare by period end, whatever the
            // length of their periods (a quarter against the months in it); a total to the same day is both bounds.
            var before = await neighbours.Where(r => r.PeriodEnd <= period.End).OrderByDescending(r => r.PeriodEnd).ThenByDescending(r => r.Value)
                .Select(r => new { r.PeriodCode, r.Value }).FirstOrDefaultAsync(cancellationToken);
            var after = await neighbours.Where(r => r.PeriodEnd >= period.End).OrderBy(r => r.PeriodEnd).ThenBy(r => r.Value)
                .Select(r => new { r.PeriodCode, r.Value }).FirstOrDefaultAsync(cancellationToken);
            earlier = before is null ? null : (before.PeriodCode, before.Value!.Value);
            later = after is null ? null : (after.PeriodCode, after.Value!.Value);
        }

        PlausibleValues.Check(target.Accumulation, content.Value, content.Correction, earlier, later);
    }

    /// <summary>Loads the subject, and whether the unit is responsible for it.</summary>
    private async Task<(ReportSubject Subject, bool Responsible)> ResolveAsync(Guid unitId, Guid? measureId, Guid? targetId, CancellationToken cancellationToken)
    {
        var unit = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => new { u.Name, u.Version }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new DomainValidationException("unitId", $"There is no unit {unitId}.");
        Target? target = null;
        if (targetId is { } tid)
        {
            target = await db.Targets.AsNoTracking()
                .SingleOrDefaultAsync(t => t.Id == tid, cancellationToken)
                ?? throw new DomainValidationException("targetId", $"There is no target {tid}.");
            if (measureId is not null && target.MeasureId != measureId)
            {
                throw new DomainValidationException("measureId", "A report on a target names the target's own measure, or none.");
            }
        }

        var effectiveMeasureId = measureId ?? target?.MeasureId;
        Measure? measure = null;
        if (effectiveMeasureId is { } mid)
        {
            measure = await db.Measures.AsNoTracking().SingleOrDefaultAsync(m => m.Id == mid, cancellationToken)
                ?? throw new DomainValidationException("measureId", $"There is no measure {mid}.");
        }

        // Who may report on what is kept by the database with the assignments, shares and scopes it follows from
        // (policy.reporting_duties, see ObligationsSql): the one place that rule lives.
        var subjectId = target?.Id ?? measure!.Id;
        var responsible = await db.Database
            .SqlQuery<bool>($"SELECT EXISTS (SELECT 1 FROM policy.reporting_duties d WHERE d.subject_id = {subjectId} AND d.unit_id = {unitId}) AS \"Value\"")
            .SingleAsync(cancellationToken);
        var documentId = target?.DocumentId ?? measure!.DocumentId;
        var document = await db.Documents.AsNoTracking().Where(d => d.Id == documentId).Select(d => new { d.PeriodFrom, d.PeriodTo }).SingleAsync(cancellationToken);
        var subject = new ReportSubject(new UnitLabel(unit.Name, unit.Version), measure, target,
            document is { PeriodFrom: { } from, PeriodTo: { } to } ? (from, to) : null);
        return (subject, responsible);
    }
}
