using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PolicyApi.Api.Http;

/// <summary>
/// What a JSON path of a request body (<c>$.period.from</c>, <c>$.items[0]['x y']</c>) points at, as the serializer
/// sees the body's type: the member's declared type, or that the member does not exist. Problems about a value are
/// written from this rather than read out of the framework's message.
/// </summary>
public static class JsonPaths
{
    /// <summary>Where a path ends: its last member's name, the type holding it, and the member's type when it has one.</summary>
    public sealed record Target(Type Holder, string? Member, Type? MemberType);

    /// <summary>The end of <paramref name="path"/> below <paramref name="root"/>; null when the path cannot be followed.</summary>
    public static Target? Resolve(JsonSerializerOptions options, Type root, string? path)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(root);
        if (Segments(path) is not { Count: > 0 } segments)
        {
            return null;
        }

        var comparison = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var type = Unwrapped(root);
        for (var i = 0; i < segments.Count; i++)
        {
            var holder = type;
            var next = segments[i].Name is { } name
                ? MemberOf(options, holder, name, comparison)
                : ElementType(holder);
            if (i == segments.Count - 1)
            {
                return new Target(holder, segments[i].Name, next is null ? null : Unwrapped(next));
            }

            if (next is null)
            {
                return null;
            }

            type = Unwrapped(next);
        }

        return null;
    }

    /// <summary>Whether <paramref name="path"/> ends at a member that the object holding it does not have.</summary>
    public static bool NamesUnknownMember(JsonSerializerOptions options, Type root, string? path) =>
        Resolve(options, root, path) is { Member: not null, MemberType: null } target
        && options.GetTypeInfo(target.Holder).Kind == JsonTypeInfoKind.Object;

    /// <summary>How a problem names what a value of <paramref name="type"/> must be: "a valid UUID", "one of: &gt;=, &lt;=, =".</summary>
    public static string Describe(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        type = Unwrapped(type);
        return type switch
        {
            _ when type == typeof(DateOnly) => "a valid date in the form YYYY-MM-DD",
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "a valid RFC 3339 timestamp",
            _ when type == typeof(Guid) => "a valid UUID",
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "a whole number",
            _ when type == typeof(decimal) || type == typeof(double) || type == typeof(float) => "a number",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(string) => "a string",
            { IsEnum: true } => $"one of: {EnumSpellings.List(type)}",
            _ when ElementType(type) is not null => "an array",
            _ => "an object",
        };
    }

    private static Type? MemberOf(JsonSerializerOptions options, Type holder, string name, StringComparison comparison)
    {
        var info = options.GetTypeInfo(holder);
        return info.Kind == JsonTypeInfoKind.Object
            ? info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, comparison))?.PropertyType
            : null;
    }

    private static Type Unwrapped(Type type) => Nullable.GetUnderlyingType(type) ?? type;

    private static Type? ElementType(Type type) =>
        type == typeof(string)
            ? null
            : type.IsArray
                ? type.GetElementType()
                : (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>) ? type : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)))
                    ?.GetGenericArguments()[0];

    /// <summary>The members and indexes of a JSON path as System.Text.Json writes it; null when it cannot be read.</summary>
    private static List<(string? Name, int? Index)>? Segments(string? path)
    {
        if (path is null || !path.StartsWith('$'))
        {
            return null;
        }

        var segments = new List<(string?, int?)>();
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                segments.Add((path[(i + 1)..end], null));
                i = end;
            }
            else if (path.AsSpan(i).StartsWith("['"))
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    return null;
                }

                segments.Add((path[(i + 2)..end], null));
                i = end + 2;
            }
            else if (path[i] == '[' && path.IndexOf(']', i) is var close and > 0
                && int.TryParse(path.AsSpan(i + 1, close - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                segments.Add((null, index));
                i = close + 1;
            }
            else
            {
                return null;
            }
        }

        return segments;
    }
}
