using Microsoft.EntityFrameworkCore;
using PolicyApi.Infrastructure.Persistence;

namespace PolicyApi.Infrastructure.Attachments;

/// <summary>Where evidence files' bytes are kept, by the file's id.</summary>
public interface IAttachmentStore
{
    /// <summary>Stages the bytes to be kept; they are kept when the unit of work under way saves (and only then).</summary>
    Task PutAsync(Guid id, byte[] content, CancellationToken cancellationToken);

    /// <summary>The bytes; null when nothing is kept under the id.</summary>
    Task<byte[]?> ReadAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Stages the removal of the bytes, with the unit of work under way.</summary>
    Task DeleteAsync(Guid id, CancellationToken cancellationToken);
}

/// <summary>The bytes of an evidence file, in PostgreSQL beside its report: no other server to run.</summary>
public sealed class AttachmentContent
{
    private AttachmentContent()
    {
        Content = [];
    }

    public AttachmentContent(Guid id, byte[] content)
    {
        Id = id;
        Content = content;
    }

    public Guid Id { get; private set; }

    public byte[] Content { get; private set; }
}

/// <summary>
/// Keeps the bytes in PostgreSQL through the request's context, so the file and its record commit or roll back
/// together: an upload refused half-way or a crash leaves nothing behind.
/// </summary>
public sealed class PostgresAttachmentStore(PolicyDbContext db) : IAttachmentStore
{
    public Task PutAsync(Guid id, byte[] content, CancellationToken cancellationToken)
    {
        db.AttachmentContents.Add(new AttachmentContent(id, content));
        return Task.CompletedTask;
    }

    public Task<byte[]?> ReadAsync(Guid id, CancellationToken cancellationToken) =>
        db.AttachmentContents.AsNoTracking().Where(c => c.Id == id).Select(c => c.Content).SingleOrDefaultAsync(cancellationToken);

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await db.AttachmentContents.FindAsync([id], cancellationToken) is { } content)
        {
            db.AttachmentContents.Remove(content);
        }
    }
}
