using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PolicyApi.Infrastructure.Persistence.Configurations;
using PolicyApi.Domain.Importing;

namespace PolicyApi.Infrastructure.Importing;

internal sealed class DocumentImportConfiguration() : TableConfiguration<DocumentImport>("imports")
{
    protected override void ConfigureTable(EntityTypeBuilder<DocumentImport> builder)
    {
        builder.Property(i => i.DraftJson).HasColumnType("jsonb");
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasIndex(i => i.ExpiresAt);
    }
}
