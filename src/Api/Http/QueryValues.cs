using System.Text.Json;

namespace PolicyApi.Api.Http;

/// <summary>
/// Reads an enum query parameter spelled as the JSON spells it (camelCase), case-insensitively;
/// an unknown value is a 400 that lists the accepted ones.
/// </summary>
public static class QueryValues
{
    public static TEnum? ParseEnum<TEnum>(string? value, string field)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!value.Any(char.IsDigit) && Enum.TryParse<TEnum>(value.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        {
            return parsed;
        }

        var accepted = string.Join(", ", Enum.GetNames<TEnum>().Select(JsonNamingPolicy.CamelCase.ConvertName));
        throw new InvalidInputException(field, $"'{value}' is not one of: {accepted}.");
    }

    /// <summary>Reads a date written as the API writes dates, YYYY-MM-DD, and nothing looser.</summary>
    public static DateOnly? ParseDate(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
        {
            throw new InvalidInputException(field, $"'{value}' is not a date in the form YYYY-MM-DD.");
        }

        return PolicyApi.Domain.Common.Bounds.Contains(date)
            ? date
            : throw new InvalidInputException(field, $"'{value}' is outside the dates this service works with: {PolicyApi.Domain.Common.Bounds.DateRange}.");
    }
}
