using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PolicyApi.Domain.Documents;
using PolicyApi.Domain.Reports;
using PolicyApi.Domain.Targets;
using PolicyApi.Domain.Units;

namespace PolicyApi.Infrastructure.Persistence.Configurations;

internal sealed class ProgressReportConfiguration() : VersionedEntityConfiguration<ProgressReport>("progress_reports")
{
    protected override void ConfigureEntity(EntityTypeBuilder<ProgressReport> builder)
    {
        ReportContentColumns.Configure(builder);

        builder.HasOne<ResponsibleUnit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Measure>().WithMany().HasForeignKey(r => r.MeasureId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Target>().WithMany().HasForeignKey(r => r.TargetId).OnDelete(DeleteBehavior.Restrict);

        // One current report per unit, subject and period: a missing measure or target counts as a value.
        builder.HasIndex(r => new { r.UnitId, r.MeasureId, r.TargetId, r.PeriodCode }).IsUnique().AreNullsDistinct(false);
        builder.HasIndex(r => new { r.TargetId, r.PeriodEnd }).IncludeProperties(r => new { r.UnitId, r.Status, r.Value });
        builder.HasIndex(r => new { r.MeasureId, r.PeriodCode });
        builder.HasIndex(r => new { r.Status, r.UnitId });

        builder.HasParts(r => r.Revisions, v => v.ReportId);
    }
}

internal sealed class ReportRevisionConfiguration() : TableConfiguration<ReportRevision>("progress_report_revisions")
{
    protected override void ConfigureTable(EntityTypeBuilder<ReportRevision> builder)
    {
        builder.HasKey(v => new { v.ReportId, v.Number });
        ReportContentColumns.Configure(builder);
    }
}

/// <summary>
/// The lengths of what a report says, the same on the report and on every revision kept of it (a revision holds the
/// whole content as it then was).
/// </summary>
internal static class ReportContentColumns
{
    public static void Configure<T>(EntityTypeBuilder<T> builder)
        where T : class
    {
        builder.Property(nameof(ProgressReport.PeriodCode)).HasMaxLength(TextLimits.PeriodCode);
        builder.Property(nameof(ProgressReport.UnitOfMeasure)).HasMaxLength(TextLimits.UnitOfMeasure);
        builder.Property(nameof(ProgressReport.Narrative)).HasMaxLength(TextLimits.Narrative);
        builder.Property(nameof(ProgressReport.Problems)).HasMaxLength(TextLimits.Narrative);
        builder.Property(nameof(ProgressReport.NextSteps)).HasMaxLength(TextLimits.Narrative);
        builder.Property(nameof(ProgressReport.ReturnReason)).HasMaxLength(TextLimits.ReturnReason);
        builder.Property(nameof(ProgressReport.Correction)).HasMaxLength(TextLimits.ReturnReason);
    }
}
