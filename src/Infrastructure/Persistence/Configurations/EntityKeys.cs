using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PolicyApi.Infrastructure.Persistence.Configurations;

/// <summary>The two ways a table's key is given out, each named once for every configuration that uses it.</summary>
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
}

/// <summary>
/// What the mapping of every <see cref="VersionedEntity"/> shares: the id its domain gives it, and its version as the
/// concurrency token that makes concurrent writers collide. A configuration maps the rest in <see cref="ConfigureEntity"/>.
/// </summary>
internal abstract class VersionedEntityConfiguration<T>(string table) : IEntityTypeConfiguration<T>
    where T : VersionedEntity
{
    public void Configure(EntityTypeBuilder<T> builder)
    {
        builder.ToTable(table);
        builder.HasAssignedKey(e => e.Id);
        builder.Property(e => e.Version).IsConcurrencyToken();
        ConfigureEntity(builder);
    }

    protected abstract void ConfigureEntity(EntityTypeBuilder<T> builder);
}
