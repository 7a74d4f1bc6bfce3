namespace PolicyApi.Domain.Common;

/// <summary>Argument guards shared by aggregates; they throw <see cref="DomainValidationException"/> naming the field.</summary>
internal static class Check
{
    public static string Required(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DomainValidationException(field, $"'{field}' is required.");
        }

        return MaxLength(value, field, maxLength);
    }

    public static string? Optional(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return MaxLength(value, field, maxLength);
    }

    private static string MaxLength(string value, string field, int maxLength)
    {
        if (value.Length > maxLength)
        {
            throw new DomainValidationException(field, $"'{field}' must be at most {maxLength} characters.");
        }

        return value;
    }

    public static TEnum Defined<TEnum>(TEnum value, string field)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new DomainValidationException(field, $"'{field}' has an unknown value.");
        }

        return value;
    }
}
