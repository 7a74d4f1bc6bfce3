using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PolicyApi.Infrastructure.Importing;

public enum ImportStatus
{
    /// <summary>Read and waiting to be checked; can be committed until it expires.</summary>
    Draft,

    /// <summary>Turned into a document; cannot be committed again.</summary>
    Committed,
}

/// <summary>
/// A document text submitted for import and the draft read from it, kept until it is committed or expires.
/// The draft is stored as JSON exactly as it was answered, so what the caller checked is what is committed.
/// </summary>
public sealed class DocumentImport
{
    public required Guid Id { get; init; }

    public required string Region { get; init; }

    public required string Text { get; init; }

    public required string DraftJson { get; init; }

    public ImportStatus Status { get; set; }

    public required string CreatedBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? CommittedAt { get; set; }

    public string? CommittedBy { get; set; }

    public Guid? DocumentId { get; set; }

    /// <summary>Bumped on commit; two commits racing for the same draft cannot both succeed.</summary>
    public int Version { get; set; }
}

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
