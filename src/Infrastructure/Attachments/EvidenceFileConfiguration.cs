using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PolicyApi.Domain.Common;
using PolicyApi.Domain.Reports;
using PolicyApi.Infrastructure.Persistence.Configurations;

namespace PolicyApi.Infrastructure.Attachments;

internal sealed class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFile>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> builder)
    {
        builder.ToTable("evidence_files");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.FileName).HasMaxLength(TextLimits.FileName);
        builder.Property(f => f.ContentType).HasMaxLength(100);
        builder.Property(f => f.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(f => f.UploadedBy).HasMaxLength(200);
        builder.HasOne<ProgressReport>().WithMany().HasForeignKey(f => f.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => f.ReportId);
    }
}

internal sealed class AttachmentContentConfiguration : IEntityTypeConfiguration<AttachmentContent>
{
    public void Configure(EntityTypeBuilder<AttachmentContent> builder)
    {
        builder.ToTable("attachment_contents");
        builder.HasAssignedKey(c => c.Id);
        builder.HasOne<EvidenceFile>().WithOne().HasForeignKey<AttachmentContent>(c => c.Id).OnDelete(DeleteBehavior.Cascade);
    }
}
