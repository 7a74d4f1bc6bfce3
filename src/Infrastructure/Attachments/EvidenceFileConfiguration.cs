using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PolicyApi.Domain.Common;
using PolicyApi.Domain.Reports;
using PolicyApi.Infrastructure.Persistence.Configurations;

namespace PolicyApi.Infrastructure.Attachments;

internal sealed class EvidenceFileConfiguration() : TableConfiguration<EvidenceFile>("evidence_files")
{
    protected override void ConfigureTable(EntityTypeBuilder<EvidenceFile> builder)
    {
        builder.Property(f => f.Sha256).IsFixedLength();
        builder.HasOne<ProgressReport>().WithMany().HasForeignKey(f => f.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AttachmentContentConfiguration() : TableConfiguration<AttachmentContent>("attachment_contents")
{
    protected override void ConfigureTable(EntityTypeBuilder<AttachmentContent> builder)
    {
        builder.HasAssignedKey(c => c.Id);
        builder.HasOne<EvidenceFile>().WithOne().HasForeignKey<AttachmentContent>(c => c.Id).OnDelete(DeleteBehavior.Cascade);
    }
}
