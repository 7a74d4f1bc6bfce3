namespace PolicyApi.Api.Http;

/// <summary>Escapes LIKE wildcards in user text so that 100% searches for "100%", not for "100" and anything after.</summary>
public static class LikePattern
{
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
    }
}
