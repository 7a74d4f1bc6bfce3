using PolicyApi.Infrastructure.Persistence;

namespace PolicyApi.Infrastructure.Attachments;

/// <summary>Where evidence files' bytes are kept, by the file's id.</summary>
public interface IAttachmentStore
{
    /// <summary>Stages the bytes to be kept; they are kept when the unit of work under way saves (and only then).</summary>
    Task PutAsync(Guid id, byte[] content, CancellationToken cancellationToken);

    /// <summary>The bytes; null when nothing is kept under the id.</summary>
    Task<byte[]?> ReadAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The file's record has been removed and saved: its bytes may go.</summary>
    Task RemovedAsync(Guid id, CancellationToken cancellationToken);
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

    /// <summary>Nothing to do: the bytes' row goes with the file's record (ON DELETE CASCADE), in the same transaction.</summary>
    public Task RemovedAsync(Guid id, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Configuration section <c>Attachments</c>: where evidence files' bytes are kept.</summary>
public sealed class AttachmentStoreOptions
{
    public const string Section = "Attachments";

    /// <summary><c>postgres</c> (default: beside the report, in its transaction) or <c>s3</c> (an S3-compatible object store).</summary>
    public string Store { get; set; } = "postgres";

    public S3StoreOptions S3 { get; set; } = new();
}

/// <summary>An S3-compatible store (AWS S3, MinIO, Ceph RGW, 对象存储 of a government cloud).</summary>
public sealed class S3StoreOptions
{
    /// <summary>The endpoint, e.g. https://s3.cn-north-1.amazonaws.com.cn or http://minio.internal:9000.</summary>
    public string? ServiceUrl { get; set; }

    public string Bucket { get; set; } = "policyapi-evidence";

    public string Region { get; set; } = "us-east-1";

    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>Objects are stored under this prefix and the file's id.</summary>
    public string Prefix { get; set; } = "evidence/";
}
