using System.Globalization;
using System.Text;

namespace PolicyApi.Domain.Common;

/// <summary>
/// The comparison key of a name or number as the documents write it: the same words typed with
/// full-width or half-width characters, different brackets, or stray spaces from PDF extraction
/// compare equal. The text itself is always stored exactly as given; only the key is folded.
/// </summary>
public static class TextKey
{
    public static string For(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = text.Normalize(NormalizationForm.FormKC);
        var key = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsWhiteSpace(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                continue;
            }

            key.Append(c switch
            {
                '(' or '[' or '【' or '〔' or '〘' or '［' => '〔',
                ')' or ']' or '】' or '〕' or '〙' or '］' => '〕',
                _ => char.ToLowerInvariant(c),
            });
        }

        return key.ToString();
    }
}
