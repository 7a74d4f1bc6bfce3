using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PolicyApi.Infrastructure.Persistence.Configurations;

/// <summary>The two ways a table's key is given out, and how an aggregate owns its parts, each named once for every configuration that uses them.</summary>
internal static class EntityKeys
{
    /// <summary>
    /// A key the application gives (a UUIDv7 made with the entity, a number taken under a lock), never the database:
    /// a new part reached through its aggregate is then inserted although its key is already set.
    /// </summary>
    public static EntityTypeBuilder<T> HasAssignedKey<T, TKey>(this EntityTypeBuilder<T> builder, Expression<Func<T, TKey>> key)
        where T : class
    {
        builder.HasKey(builder.Property(key).ValueGeneratedNever().Metadata.Name);
        return builder;
    }

    /// <summary>A key the database numbers in insertion order: an identity column, always generated.</summary>
    public static EntityTypeBuilder<T> HasIdentityKey<T>(this EntityTypeBuilder<T> builder, Expression<Func<T, long>> key)
        where T : class
    {
        builder.HasKey(builder.Property(key).UseIdentityAlwaysColumn().Metadata.Name);
        return builder;
    }

    /// <summary>
    /// The parts an aggregate owns (a document's chapters, a target's allocations): deleted with it, and read and
    /// changed through the aggregate's own list field, so that only the aggregate's methods change them.
    /// </summary>
    public static EntityTypeBuilder<T> HasParts<T, TPart>(
        this EntityTypeBuilder<T> builder,
        Expression<Func<T, IEnumerable<TPart>?>> parts,
        Expression<Func<TPart, object?>> ownerKey)
        where T : class
        where TPart : class
    {
        builder.HasMany(parts).WithOne().HasForeignKey(ownerKey).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(parts).UsePropertyAccessMode(PropertyAccessMode.Field);
        return builder;
    }
}

/// <summary>
/// A table's mapping: the configuration names its table in its header, once, and maps the rest in
/// <see cref="ConfigureTable"/>.
/// </summary>
internal abstract class TableConfiguration<T>(string table) : IEntityTypeConfiguration<T>
    where T : class
{
    public void Configure(EntityTypeBuilder<T> builder)
    {
        builder.ToTable(table);
        ConfigureTable(builder);
    }

    protected abstract void ConfigureTable(EntityTypeBuilder<T> builder);
}

/// <summary>
/// What the mapping of every <see cref="VersionedEntity"/> shares: the id its domain gives it, and its version as the
/// concurrency token that makes concurrent writers collide. A configuration maps the rest in <see cref="ConfigureEntity"/>.
/// </summary>
internal abstract class VersionedEntityConfiguration<T>(string table) : TableConfiguration<T>(table)
    where T : VersionedEntity
{
    protected sealed override void ConfigureTable(EntityTypeBuilder<T> builder)
    {
        builder.HasAssignedKey(e => e.Id);
        builder.Property(e => e.Version).IsConcurrencyToken();
        ConfigureEntity(builder);
    }

    protected abstract void ConfigureEntity(EntityTypeBuilder<T> builder);
}
