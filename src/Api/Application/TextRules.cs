namespace PolicyApi.Api.Application;

/// <summary>Rules for short text fields copied from a document: a label, a deadline.</summary>
public static class TextRules
{
    /// <summary>No line breaks, tabs or other control characters: a short field holds one line of the document's words.</summary>
    public static IRuleBuilderOptions<T, string?> OneLineOfText<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(text => text is null || !text.Any(char.IsControl))
            .WithMessage("'{PropertyName}' is one line of text: it may not contain line breaks, tabs or other control characters.");
}
