namespace PolicyApi.Api.Http;

/// <summary>
/// The writes of one resource, the way every create, replace and delete does them. A replace or delete runs under
/// <c>If-Match</c>: the request must name the representation as it is now (<see cref="Representations.EnsureMatch(ITaggedRepresentation)"/>:
/// 428 without it, 412 when stale) before anything is checked or changed; then the change and one save. A create or
/// replace answers with the representation made after the save, which sets its timestamps.
/// </summary>
public static class ResourceWrites
{
    /// <summary>Adds a new aggregate, checked already, and answers with its representation.</summary>
    public static async Task<TResponse> CreateAsync<TEntity, TResponse>(this PolicyDbContext db, TEntity entity, Func<TEntity, TResponse> represent, CancellationToken cancellationToken)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(represent);
        db.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return represent(entity);
    }

    /// <summary>Replaces <paramref name="resource"/> (<paramref name="change"/> may also check what it names) and answers with its new representation.</summary>
    public static async Task<TResponse> ReplaceAsync<TResource, TResponse>(
        this PolicyDbContext db, Representations representations, TResource resource, Func<TResource, TResponse> represent, Func<Task> change, CancellationToken cancellationToken)
        where TResponse : ITaggedRepresentation
    {
        ArgumentNullException.ThrowIfNull(represent);
        ArgumentNullException.ThrowIfNull(change);
        await db.WriteAsync(representations, represent(resource), change, cancellationToken);
        return represent(resource);
    }

    /// <summary>
    /// Replaces <paramref name="resource"/>: <paramref name="change"/> changes the aggregate, then <paramref name="check"/>
    /// checks what it now holds against the database (a number or name another one holds, what it refers to).
    /// </summary>
    public static Task<TResponse> ReplaceAsync<TResource, TResponse>(
        this PolicyDbContext db, Representations representations, TResource resource, Func<TResource, TResponse> represent, Action change, Func<Task> check, CancellationToken cancellationToken)
        where TResponse : ITaggedRepresentation
    {
        ArgumentNullException.ThrowIfNull(check);
        return db.ReplaceAsync(representations, resource, represent, async () =>
        {
            await Run(change);
            await check();
        }, cancellationToken);
    }

    /// <summary>Replaces <paramref name="resource"/> by a change that asks nothing of the database.</summary>
    public static Task<TResponse> ReplaceAsync<TResource, TResponse>(
        this PolicyDbContext db, Representations representations, TResource resource, Func<TResource, TResponse> represent, Action change, CancellationToken cancellationToken)
        where TResponse : ITaggedRepresentation =>
        db.ReplaceAsync(representations, resource, represent, () => Run(change), cancellationToken);

    /// <summary>Deletes an aggregate, shown as <paramref name="current"/>, unless <paramref name="ensureRemovable"/> finds it still in use (409).</summary>
    public static Task DeleteAsync<TEntity>(
        this PolicyDbContext db, Representations representations, TEntity entity, ITaggedRepresentation current, Func<Task> ensureRemovable, CancellationToken cancellationToken)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(ensureRemovable);
        return db.WriteAsync(representations, current, async () =>
        {
            await ensureRemovable();
            db.Remove(entity);
        }, cancellationToken);
    }

    /// <summary>Deletes an aggregate unless the aggregate itself refuses (<paramref name="ensureRemovable"/>, 409).</summary>
    public static Task DeleteAsync<TEntity>(
        this PolicyDbContext db, Representations representations, TEntity entity, ITaggedRepresentation current, Action ensureRemovable, CancellationToken cancellationToken)
        where TEntity : class =>
        db.DeleteAsync(representations, entity, current, () => Run(ensureRemovable), cancellationToken);

    /// <summary>Deletes an aggregate that nothing keeps.</summary>
    public static Task DeleteAsync<TEntity>(this PolicyDbContext db, Representations representations, TEntity entity, ITaggedRepresentation current, CancellationToken cancellationToken)
        where TEntity : class =>
        db.DeleteAsync(representations, entity, current, () => Task.CompletedTask, cancellationToken);

    /// <summary>Deletes a part of an aggregate, shown as <paramref name="current"/>: <paramref name="remove"/> takes it out (a chapter out of its document, say).</summary>
    public static Task DeletePartAsync(this PolicyDbContext db, Representations representations, ITaggedRepresentation current, Action remove, CancellationToken cancellationToken) =>
        db.WriteAsync(representations, current, () => Run(remove), cancellationToken);

    /// <summary>Deletes a part of an aggregate after <paramref name="remove"/> has asked the database what still refers to it (409) and taken it out.</summary>
    public static Task DeletePartAsync(this PolicyDbContext db, Representations representations, ITaggedRepresentation current, Func<Task> remove, CancellationToken cancellationToken) =>
        db.WriteAsync(representations, current, remove, cancellationToken);

    private static async Task WriteAsync(this PolicyDbContext db, Representations representations, ITaggedRepresentation current, Func<Task> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(representations);
        representations.EnsureMatch(current);
        await change();
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A change that asks nothing of the database, as the task the writes await.</summary>
    private static Task Run(Action change)
    {
        ArgumentNullException.ThrowIfNull(change);
        change();
        return Task.CompletedTask;
    }
}
