using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PolicyApi.Domain.Documents;
using PolicyApi.Domain.Targets;
using PolicyApi.Domain.Units;

namespace PolicyApi.Infrastructure.Persistence.Configurations;

internal sealed class TargetConfiguration : IEntityTypeConfiguration<Target>
{
    public void Configure(EntityTypeBuilder<Target> builder)
    {
        builder.ToTable("targets");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.Property(t => t.Indicator).HasMaxLength(TextLimits.Indicator);
        builder.Property(t => t.Text).HasMaxLength(TextLimits.TargetText);
        builder.Property(t => t.UnitOfMeasure).HasMaxLength(TextLimits.UnitOfMeasure);
        builder.Property(t => t.BaselineUnitOfMeasure).HasMaxLength(TextLimits.UnitOfMeasure);
        builder.Property(t => t.ScopeText).HasMaxLength(TextLimits.Indicator);
        builder.Ignore(t => t.Baseline);
        builder.Ignore(t => t.Cadence);
        builder.Ignore(t => t.IsGrowth);
        builder.Ignore(t => t.ReportUnitOfMeasure);
        builder.Ignore(t => t.Allocated);
        builder.Ignore(t => t.Unallocated);

        builder.HasOne<PolicyDocument>().WithMany().HasForeignKey(t => t.DocumentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Measure>().WithMany().HasForeignKey(t => t.MeasureId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Target>().WithMany().HasForeignKey(t => t.BasedOnTargetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.DocumentId, t.Id });

        builder.HasMany(t => t.Allocations).WithOne().HasForeignKey(a => a.TargetId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(t => t.Allocations).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(t => t.ScopeUnits).WithOne().HasForeignKey(s => s.TargetId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(t => t.ScopeUnits).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(t => t.Milestones).WithOne().HasForeignKey(m => m.TargetId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(t => t.Milestones).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class TargetAllocationConfiguration : IEntityTypeConfiguration<TargetAllocation>
{
    public void Configure(EntityTypeBuilder<TargetAllocation> builder)
    {
        builder.ToTable("target_allocations");
        builder.HasKey(a => new { a.TargetId, a.UnitId });
        builder.HasOne<ResponsibleUnit>().WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.UnitId);
    }
}

internal sealed class TargetScopeUnitConfiguration : IEntityTypeConfiguration<TargetScopeUnit>
{
    public void Configure(EntityTypeBuilder<TargetScopeUnit> builder)
    {
        builder.ToTable("target_scope_units");
        builder.HasKey(s => new { s.TargetId, s.UnitId });
        builder.HasOne<ResponsibleUnit>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.UnitId);
    }
}

internal sealed class TargetMilestoneConfiguration : IEntityTypeConfiguration<TargetMilestone>
{
    public void Configure(EntityTypeBuilder<TargetMilestone> builder)
    {
        builder.ToTable("target_milestones");
        builder.HasKey(m => new { m.TargetId, m.By });
    }
}
