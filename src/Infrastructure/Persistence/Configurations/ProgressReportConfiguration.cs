using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PolicyApi.Domain.Documents;
using PolicyApi.Domain.Reports;
using PolicyApi.Domain.Targets;
using PolicyApi.Domain.Units;

namespace PolicyApi.Infrastructure.Persistence.Configurations;

internal sealed class ProgressReportConfiguration : IEntityTypeConfiguration<ProgressReport>
{
    public void Configure(EntityTypeBuilder<ProgressReport> builder)
    {
        builder.ToTable("progress_reports");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Property(r => r.PeriodCode).HasMaxLength(10);
        builder.Property(r => r.UnitOfMeasure).HasMaxLength(TextLimits.UnitOfMeasure);
        builder.Property(r => r.Narrative).HasMaxLength(TextLimits.Narrative);
        builder.Property(r => r.Problems).HasMaxLength(TextLimits.Narrative);
        builder.Property(r => r.NextSteps).HasMaxLength(TextLimits.Narrative);
        builder.Property(r => r.ReturnReason).HasMaxLength(TextLimits.ReturnReason);
        builder.Property(r => r.Correction).HasMaxLength(TextLimits.ReturnReason);
        builder.Property(r => r.CreatedBy).HasMaxLength(200);
        builder.Property(r => r.SubmittedBy).HasMaxLength(200);
        builder.Property(r => r.ReviewedBy).HasMaxLength(200);
        builder.Property(r => r.EvidenceLinks);
        builder.Ignore(r => r.Period);

        builder.HasOne<ResponsibleUnit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Measure>().WithMany().HasForeignKey(r => r.MeasureId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Target>().WithMany().HasForeignKey(r => r.TargetId).OnDelete(DeleteBehavior.Restrict);

        // One current report per unit, subject and period: a missing measure or target counts as a value.
        builder.HasIndex(r => new { r.UnitId, r.MeasureId, r.TargetId, r.PeriodCode }).IsUnique().AreNullsDistinct(false);
        builder.HasIndex(r => new { r.TargetId, r.PeriodEnd }).IncludeProperties(r => new { r.UnitId, r.Status, r.Value });
        builder.HasIndex(r => new { r.MeasureId, r.PeriodCode });
        builder.HasIndex(r => new { r.Status, r.UnitId });

        builder.HasMany(r => r.Revisions).WithOne().HasForeignKey(v => v.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Revisions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ReportRevisionConfiguration : IEntityTypeConfiguration<ReportRevision>
{
    public void Configure(EntityTypeBuilder<ReportRevision> builder)
    {
        builder.ToTable("progress_report_revisions");
        builder.HasKey(v => new { v.ReportId, v.Number });
        builder.Property(v => v.PeriodCode).HasMaxLength(10);
        builder.Property(v => v.UnitOfMeasure).HasMaxLength(TextLimits.UnitOfMeasure);
        builder.Property(v => v.Narrative).HasMaxLength(TextLimits.Narrative);
        builder.Property(v => v.Problems).HasMaxLength(TextLimits.Narrative);
        builder.Property(v => v.NextSteps).HasMaxLength(TextLimits.Narrative);
        builder.Property(v => v.ReturnReason).HasMaxLength(TextLimits.ReturnReason);
        builder.Property(v => v.Correction).HasMaxLength(TextLimits.ReturnReason);
        builder.Property(v => v.ActorSubject).HasMaxLength(200);
        builder.Property(v => v.ActorRole).HasMaxLength(40);
        builder.Property(v => v.EvidenceLinks);
    }
}
