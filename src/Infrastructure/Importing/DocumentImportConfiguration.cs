using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PolicyApi.Domain.Importing;

namespace PolicyApi.Infrastructure.Importing;

internal sealed class DocumentImportConfiguration : IEntityTypeConfiguration<DocumentImport>
{
    public void Configure(EntityTypeBuilder<DocumentImport> builder)
    {
        builder.ToTable("imports");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Region).HasMaxLength(Domain.Common.TextLimits.Region);
        builder.Property(i => i.DraftJson).HasColumnType("jsonb");
        builder.Property(i => i.CreatedBy).HasMaxLength(200);
        builder.Property(i => i.CommittedBy).HasMaxLength(200);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasIndex(i => i.ExpiresAt);
    }
}
