using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PolicyApi.Domain.Units;

namespace PolicyApi.Infrastructure.Persistence.Configurations;

internal sealed class ResponsibleUnitConfiguration() : VersionedEntityConfiguration<ResponsibleUnit>("responsible_units")
{
    protected override void ConfigureEntity(EntityTypeBuilder<ResponsibleUnit> builder)
    {
        builder.HasOne<ResponsibleUnit>().WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => new { u.Region, u.Kind });

        builder.HasParts(u => u.Names, n => n.UnitId);
    }
}

internal sealed class UnitNameConfiguration() : TableConfiguration<UnitName>("unit_names")
{
    protected override void ConfigureTable(EntityTypeBuilder<UnitName> builder)
    {
        builder.HasAssignedKey(n => n.Id);

        // The rule that makes alias resolution unambiguous: a spelling names one unit per region.
        builder.HasIndex(n => new { n.Region, n.Key }).IsUnique();
        builder.HasIndex(n => n.Key).HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}
