using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PolicyApi.Domain.Documents;

namespace PolicyApi.Infrastructure.Persistence.Configurations;

internal sealed class PolicyDocumentConfiguration() : VersionedEntityConfiguration<PolicyDocument>("documents")
{
    protected override void ConfigureEntity(EntityTypeBuilder<PolicyDocument> builder)
    {

        builder.HasIndex(d => d.DocNumberKey).IsUnique();
        builder.HasIndex(d => new { d.Region, d.IssuedOn });
        builder.HasIndex(d => d.Title).HasMethod("gin").HasOperators("gin_trgm_ops");

        builder.HasParts(d => d.Chapters, c => c.DocumentId);
        builder.HasParts(d => d.Measures, m => m.DocumentId);
    }
}

internal sealed class ChapterConfiguration() : VersionedEntityConfiguration<Chapter>("chapters")
{
    protected override void ConfigureEntity(EntityTypeBuilder<Chapter> builder)
    {
        builder.HasIndex(c => new { c.DocumentId, c.Sequence });
    }
}

internal sealed class MeasureConfiguration() : VersionedEntityConfiguration<Measure>("measures")
{
    protected override void ConfigureEntity(EntityTypeBuilder<Measure> builder)
    {
        builder.Property<string?>("BlanketText");
        builder.Property<string[]?>("BlanketUnitKinds");

        builder.HasOne<Chapter>().WithMany().HasForeignKey(m => m.ChapterId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Measure>().WithMany().HasForeignKey(m => m.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.DocumentId, m.Sequence });

        builder.HasParts(m => m.Assignments, a => a.MeasureId);
    }
}

internal sealed class MeasureAssignmentConfiguration() : VersionedEntityConfiguration<MeasureAssignment>("measure_assignments")
{
    protected override void ConfigureEntity(EntityTypeBuilder<MeasureAssignment> builder)
    {
        builder.HasOne<Domain.Units.ResponsibleUnit>().WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.MeasureId, a.UnitId }).IsUnique();
        builder.HasIndex(a => new { a.UnitId, a.Role });
    }
}
