namespace PolicyApi.Domain.Common;

/// <summary>Similarity of Chinese texts by their character pairs: robust to word order and small edits, no segmentation needed.</summary>
public static class TextSimilarity
{
    /// <summary>The distinct pairs of adjacent characters, punctuation and spaces left out.</summary>
    public static HashSet<string> Bigrams(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var chars = text.Where(c => !char.IsPunctuation(c) && !char.IsWhiteSpace(c)).ToArray();
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < chars.Length; i++)
        {
            set.Add(new string(chars, i, 2));
        }

        return set;
    }

    /// <summary>Dice coefficient: 1 for the same pairs, 0 for none in common.</summary>
    public static double Dice(HashSet<string> a, HashSet<string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Count + b.Count == 0 ? 0 : 2.0 * a.Count(b.Contains) / (a.Count + b.Count);
    }

    /// <summary>The share of <paramref name="part"/>'s pairs found in <paramref name="whole"/>.</summary>
    public static double Coverage(HashSet<string> part, HashSet<string> whole)
    {
        ArgumentNullException.ThrowIfNull(part);
        ArgumentNullException.ThrowIfNull(whole);
        return part.Count == 0 ? 0 : part.Count(whole.Contains) / (double)part.Count;
    }

    /// <summary>The number of characters to insert, delete or replace to turn one text into the other (Levenshtein).</summary>
    public static int EditDistance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
