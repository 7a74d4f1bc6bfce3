namespace PolicyApi.Domain.Documents;

/// <summary>
/// A 文号 such as 连政发〔2020〕62号. Kept as written; <see cref="Key"/> folds the bracket and
/// spacing variants PDF extraction produces (连政发[2020]62 号) so that uniqueness holds across them.
/// </summary>
public sealed record DocumentNumber
{
    private DocumentNumber(string value, string key)
    {
        Value = value;
        Key = key;
    }

    public string Value { get; }

    public string Key { get; }

    public static DocumentNumber? From(string? value)
    {
        var written = Check.Optional(value, "docNumber", TextLimits.DocNumber);
        return written is null ? null : new DocumentNumber(written, TextKey.For(written));
    }

    public override string ToString() => Value;
}
