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
        // Normalisation refuses code points that are not characters (U+FFFE, lone surrogates): they never match anything.
        var folded = Normalized(text);
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

    private static string Normalized(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            var valid = new StringBuilder(text.Length);
            for (var i = 0; i < text.Length; i++)
            {
                if (char.IsSurrogatePair(text, i))
                {
                    valid.Append(text, i++, 2);
                }
                else if (!char.IsSurrogate(text[i]) && text[i] is not ('\uFFFE' or '\uFFFF'))
                {
                    valid.Append(text[i]);
                }
            }

            return valid.ToString().Normalize(NormalizationForm.FormKC);
        }
    }
}
