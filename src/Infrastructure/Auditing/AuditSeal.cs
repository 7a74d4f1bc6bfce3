using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PolicyApi.Infrastructure.Auditing;

/// <summary>
/// The HMAC-SHA256 of audit rows and checkpoints, with keys from configuration. Every field of a row is
/// length-prefixed before hashing, so no two different rows share an input.
/// </summary>
public sealed class AuditSeal
{
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    public AuditSeal(IOptions<AuditOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        if (string.IsNullOrWhiteSpace(value.SigningKey))
        {
            throw new InvalidOperationException("Configure Audit:SigningKey (base64, at least 32 bytes): the key that seals the audit log. Keep it out of the database.");
        }

        CurrentKeyId = value.SigningKeyId;
        _keys[CurrentKeyId] = Decode(value.SigningKey, "Audit:SigningKey");
        foreach (var (id, key) in value.VerificationKeys)
        {
            _keys.TryAdd(id, Decode(key, $"Audit:VerificationKeys:{id}"));
        }
    }

    public string CurrentKeyId { get; }

    /// <summary>The hash of an entry as sealed with the current key.</summary>
    public string HashOf(AuditEntry entry) => HashOf(entry, CurrentKeyId) ?? throw new InvalidOperationException("The current audit key is not configured.");

    /// <summary>The hash of an entry under the named key; null when that key is not configured.</summary>
    public string? HashOf(AuditEntry entry, string keyId)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!_keys.TryGetValue(keyId, out var key))
        {
            return null;
        }

        var text = new StringBuilder("policyapi-audit-v2");
        foreach (var field in new[]
        {
            keyId, entry.Id.ToString(CultureInfo.InvariantCulture), entry.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            entry.Subject, entry.Role, entry.UnitId?.ToString("D"), entry.ClientId, entry.Ip, entry.TraceId, entry.Method, entry.Path,
            entry.Entity, entry.EntityId, entry.Action, entry.Outcome, entry.Status.ToString(CultureInfo.InvariantCulture),
            entry.Before, entry.After, entry.PreviousHash,
        })
        {
            text.Append(field is null ? "|~" : $"|{field.Length}:{field}");
        }

        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The signature of a checkpoint under the named key; null when that key is not configured.</summary>
    public string? SignatureOf(AuditCheckpoint checkpoint, string keyId)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (!_keys.TryGetValue(keyId, out var key))
        {
            return null;
        }

        var text = string.Create(CultureInfo.InvariantCulture,
            $"policyapi-audit-checkpoint-v1|{keyId}|{checkpoint.Entries}|{checkpoint.LastId}|{checkpoint.LastHash}|{checkpoint.TakenAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'}");
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)));
    }

    private static byte[] Decode(string base64, string setting)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"{setting} is not base64.", e);
        }

        return key.Length >= 32 ? key : throw new InvalidOperationException($"{setting} must be at least 32 bytes.");
    }
}
