using System.Security.Cryptography;
using System.Text;
using PolicyApi.Infrastructure.Auditing;

namespace PolicyApi.Infrastructure.Webhooks;

/// <summary>
/// Makes subscription secrets and keeps them encrypted at rest (AES-256-GCM, the subscription's id as associated
/// data, so a secret copied onto another row does not decrypt): whoever reads the database alone cannot sign as us.
/// The key is Webhooks:SecretKey, or one derived from Audit:SigningKey when that is not set.
/// </summary>
public sealed class WebhookSecrets
{
    private const string Prefix = "v1.";
    private readonly byte[] _key;

    public WebhookSecrets(IOptions<WebhookOptions> options, IOptions<AuditOptions> audit)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(audit);
        if (!string.IsNullOrWhiteSpace(options.Value.SecretKey))
        {
            _key = Convert.FromBase64String(options.Value.SecretKey);
            if (_key.Length != 32)
            {
                throw new InvalidOperationException("Webhooks:SecretKey must be base64 of 32 bytes.");
            }
        }
        else
        {
            var auditKey = audit.Value.SigningKey is { Length: > 0 } k
                ? Convert.FromBase64String(k)
                : throw new InvalidOperationException("Configure Webhooks:SecretKey (base64, 32 bytes) or Audit:SigningKey: webhook secrets are encrypted with it.");
            _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, auditKey, 32, salt: [], info: Encoding.UTF8.GetBytes("policyapi webhook secrets v1"));
        }
    }

    /// <summary>A new Standard Webhooks secret: whsec_ and 32 random bytes in base64.</summary>
    public static string NewSigningSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string Protect(Guid subscriptionId, string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var plain = Encoding.UTF8.GetBytes(secret);
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var cipher = new byte[plain.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using var aes = new AesGcm(_key, tag.Length);
        aes.Encrypt(nonce, plain, cipher, tag, subscriptionId.ToByteArray());
        return Prefix + Convert.ToBase64String([.. nonce, .. tag, .. cipher]);
    }

    public string Unprotect(Guid subscriptionId, string protectedSecret)
    {
        ArgumentNullException.ThrowIfNull(protectedSecret);
        if (!protectedSecret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new CryptographicException("Not a protected webhook secret.");
        }

        var bytes = Convert.FromBase64String(protectedSecret[Prefix.Length..]);
        var nonceSize = AesGcm.NonceByteSizes.MaxSize;
        var tagSize = AesGcm.TagByteSizes.MaxSize;
        var plain = new byte[bytes.Length - nonceSize - tagSize];
        using var aes = new AesGcm(_key, tagSize);
        aes.Decrypt(bytes.AsSpan(0, nonceSize), bytes.AsSpan(nonceSize + tagSize), bytes.AsSpan(nonceSize, tagSize), plain, subscriptionId.ToByteArray());
        return Encoding.UTF8.GetString(plain);
    }
}

internal static class WebhookJson
{
    public static readonly System.Text.Json.JsonSerializerOptions Options = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
