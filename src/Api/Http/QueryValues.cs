using System.Reflection;
using System.Text.Json;

namespace PolicyApi.Api.Http;

/// <summary>
/// Reads an enum query parameter spelled as the JSON spells it (camelCase, or the member's own JSON name such as
/// <c>&gt;=</c>), case-insensitively; an unknown value is a 400 that lists the accepted ones.
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

        return EnumSpellings.Find(typeof(TEnum), value) is { } found
            ? (TEnum)found.Member
            : throw new InvalidInputException(field, $"'{value}' is not one of: {EnumSpellings.List(typeof(TEnum))}.");
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

/// <summary>
/// How the API spells an enum's members on the wire: the member's <see cref="JsonStringEnumMemberNameAttribute"/>
/// (a comparator is <c>&gt;=</c>, <c>&lt;=</c>, <c>=</c>), otherwise its name in camelCase — the spellings the JSON
/// converter writes and accepts, and so the only ones an error message may offer.
/// </summary>
public static class EnumSpellings
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, IReadOnlyList<(object Member, string Spelling)>> ByType = new();

    /// <summary>The members and their spellings, read once per enum type (filters ask on every request).</summary>
    public static IReadOnlyList<(object Member, string Spelling)> Of(Type enumType)
    {
        ArgumentNullException.ThrowIfNull(enumType);
        return ByType.GetOrAdd(enumType, type => [.. type.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f =>
            (f.GetValue(null)!, f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(f.Name)))]);
    }

    /// <summary>The member <paramref name="value"/> spells, in any case and without surrounding blanks; null when it spells none.</summary>
    public static (object Member, string Spelling)? Find(Type enumType, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        foreach (var member in Of(enumType))
        {
            if (member.Spelling.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return member;
            }
        }

        return null;
    }

    public static string List(Type enumType) => string.Join(", ", Of(enumType).Select(m => m.Spelling));
}

/// <summary>What <see cref="OneOfAttribute{TEnum}"/> says without its type argument: the enum whose spellings a text parameter takes.</summary>
public interface INamedValues
{
    Type EnumType { get; }
}

/// <summary>
/// A text query parameter that takes one of <typeparamref name="TEnum"/>'s JSON spellings, in any case, and is read with
/// <see cref="QueryValues.ParseEnum{TEnum}"/>: OpenAPI lists those spellings as the parameter's <c>enum</c>, so a client
/// generator offers them.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
public sealed class OneOfAttribute<TEnum> : Attribute, INamedValues
    where TEnum : struct, Enum
{
    public Type EnumType => typeof(TEnum);
}
