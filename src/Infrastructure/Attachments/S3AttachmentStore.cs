using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace PolicyApi.Infrastructure.Attachments;

/// <summary>
/// Keeps evidence bytes in an S3-compatible object store, keyed by the file's id. An object store takes no part in
/// PostgreSQL's transaction, so the order is chosen for safety: bytes are put before the record commits (a failed
/// commit leaves an object no record names, never a record without bytes), and removed only after the removal of
/// the record has been saved (a commit failing after that would leave a record whose download is a 404).
/// </summary>
public sealed class S3AttachmentStore : IAttachmentStore
{
    private readonly IAmazonS3 _s3;
    private readonly S3StoreOptions _options;
    public S3AttachmentStore(IAmazonS3 s3, IOptions<AttachmentStoreOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _s3 = s3;
        _options = options.Value.S3;
    }

    public async Task PutAsync(Guid id, byte[] content, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(content, writable: false);
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _options.Bucket, Key = Key(id), InputStream = body, AutoCloseStream = false, UseChunkEncoding = false }, cancellationToken);
    }

    public async Task<byte[]?> ReadAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            using var found = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = _options.Bucket, Key = Key(id) }, cancellationToken);
            using var buffer = new MemoryStream();
            await found.ResponseStream.CopyToAsync(buffer, cancellationToken);
            return buffer.ToArray();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task RemovedAsync(Guid id, CancellationToken cancellationToken) =>
        await _s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _options.Bucket, Key = Key(id) }, cancellationToken);

    private string Key(Guid id) => _options.Prefix + id.ToString("D");

    /// <summary>The client for the configured endpoint: path-style addressing, checksums only where the API requires them.</summary>
    public static IAmazonS3 CreateClient(S3StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonS3Config
        {
            ServiceURL = options.ServiceUrl ?? throw new InvalidOperationException("Attachments:S3:ServiceUrl is required when Attachments:Store is s3."),
            ForcePathStyle = true,
            AuthenticationRegion = options.Region,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        return new AmazonS3Client(new BasicAWSCredentials(options.AccessKey ?? string.Empty, options.SecretKey ?? string.Empty), config);
    }
}
