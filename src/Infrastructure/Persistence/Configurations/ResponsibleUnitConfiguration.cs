using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PolicyApi.Domain.Units;

namespace PolicyApi.Infrastructure.Persistence.Configurations;

internal sealed class ResponsibleUnitConfiguration() : VersionedEntityConfiguration<ResponsibleUnit>("responsible_units")
{
    protected override void ConfigureEntity(EntityTypeBuilder<ResponsibleUnit> builder)
    {
        builder.Property(u => u.Region).HasMaxLength(TextLimits.Region);
        builder.Property(u => u.Name).HasMaxLength(TextLimits.UnitName);
        builder.Property(u => u.ShortName).HasMaxLength(TextLimits.UnitName);
        builder.HasOne<ResponsibleUnit>().WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => new { u.Region, u.Kind });

        builder.HasParts(u => u.Names, n => n.UnitId);
    }
}

internal sealed class UnitNameConfiguration : IEntityTypeConfiguration<UnitName>
{
    public void Configure(EntityTypeBuilder<UnitName> builder)
    {
        builder.ToTable("unit_names");
        builder.HasAssignedKey(n => n.Id);
        builder.Property(n => n.Region).HasMaxLength(TextLimits.Region);
        builder.Property(n => n.Value).HasMaxLength(TextLimits.UnitName);
        builder.Property(n => n.Key).HasMaxLength(TextLimits.UnitName);

        // The rule that makes alias resolution unambiguous: a spelling names one unit per region.
        builder.HasIndex(n => new { n.Region, n.Key }).IsUnique();
        builder.HasIndex(n => n.Key).HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}
