namespace PolicyApi.Domain.Common;

/// <summary>Marks the entity through which a consistency boundary is loaded and changed.</summary>
public abstract class AggregateRoot : VersionedEntity;

/// <summary>
/// An entity served as a resource of its own: a time-ordered id, an optimistic-concurrency version
/// that every change of its representation bumps (it becomes the ETag), and timestamps that the
/// persistence layer stamps.
/// </summary>
public abstract class VersionedEntity
{
    protected VersionedEntity()
    {
        Id = Guid.CreateVersion7();
        Version = 1;
    }

    public Guid Id { get; protected set; }

    public int Version { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Marks a change of this entity's representation, so its ETag changes and concurrent writers collide.</summary>
    protected internal void Changed() => Version++;
}
