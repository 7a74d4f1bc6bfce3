using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace PolicyApi.Api.Http;

/// <summary>The JSON contract: camelCase, enums as camelCase strings, Chinese written as is, unknown and duplicate properties refused.</summary>
public static class ApiJson
{
    /// <param name="options">The options to configure.</param>
    /// <param name="maxDecimals">
    /// The decimal places a number read may have (a quantity keeps <see cref="PolicyApi.Domain.Common.Bounds.QuantityDecimals"/>);
    /// null reads what the service wrote itself (an import's stored draft) as it is.
    /// </param>
    public static void Configure(JsonSerializerOptions options, int? maxDecimals = PolicyApi.Domain.Common.Bounds.QuantityDecimals)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = null;
        options.Converters.Add(new AcceptedValuesEnumConverterFactory());
        options.Converters.Add(new UtcTimestampConverter());
        options.Converters.Add(new CanonicalDecimalConverter(maxDecimals));
        options.Converters.Add(new StorableStringConverter());
        options.Converters.Add(new BoundedDateConverter());
        options.Converters.Add(new NoNullElementsConverterFactory());
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.ReadCommentHandling = JsonCommentHandling.Disallow;
        options.AllowTrailingCommas = false;

        // Chinese text leaves as UTF-8 characters, not \uXXXX escapes; HTML-sensitive characters stay escaped.
        options.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
    }
}

/// <summary>Timestamps leave as RFC 3339 in UTC with a Z (2021-06-30T08:00:00.123456Z), whatever offset they carry.</summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetDateTimeOffset();
        return PolicyApi.Domain.Common.Bounds.Contains(value)
            ? value.ToUniversalTime()
            : throw InvalidJsonValue.Because($"The instant must lie {PolicyApi.Domain.Common.Bounds.DateRange}.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// Quantities leave in their shortest exact form (7000, not 7000.000000 as numeric(20,6) reads back), so a
/// value reads the same whether it was just written or loaded — and so does the ETag computed from it. A number read
/// with more decimal places than a quantity keeps is refused rather than rounded away when it is stored.
/// </summary>
public sealed class CanonicalDecimalConverter(int? maxDecimals) : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // A number beyond what a decimal holds (1e30) is out of range, not "not a number".
        if (reader.TokenType == JsonTokenType.Number && !reader.TryGetDecimal(out _))
        {
            throw OutOfRange();
        }

        var value = reader.GetDecimal();
        if (!PolicyApi.Domain.Common.Bounds.Contains(value))
        {
            throw OutOfRange();
        }

        // A quantity is stored to QuantityDecimals places: more would be rounded away without a word (0.0000001 → 0).
        // A number too small for a decimal (1e-30) reads as 0: its digits say it is not.
        return maxDecimals is { } max && (Canonical(value).Scale > max || (value == 0 && HasNonZeroDigit(reader)))
            ? throw InvalidJsonValue.Because($"The number has more than {max} decimal places, which is all a quantity keeps: round it (e.g. {Math.Round(value, max, MidpointRounding.AwayFromZero):0.######}).")
            : value;
    }

    private static bool HasNonZeroDigit(Utf8JsonReader reader)
    {
        var text = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray();
        foreach (var b in text)
        {
            if (b is (byte)'e' or (byte)'E')
            {
                return false;
            }

            if (b is >= (byte)'1' and <= (byte)'9')
            {
                return true;
            }
        }

        return false;
    }

    private static JsonException OutOfRange() =>
        InvalidJsonValue.Because($"The number must lie between -{PolicyApi.Domain.Common.Bounds.MaxQuantity:0.######} and {PolicyApi.Domain.Common.Bounds.MaxQuantity:0.######}.");

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(Canonical(value));
    }

    /// <summary>Drops trailing zeros of the scale: 7000.000000 → 7000, 0.480000 → 0.48.</summary>
    public static decimal Canonical(decimal value) => value / 1.0000000000000000000000000000m;
}

/// <summary>A JSON value that parses but cannot be accepted; the message names what is allowed.</summary>
public static class InvalidJsonValue
{
    public const string Prefix = "Invalid value: ";

    public const string UnknownProperty = "Unknown property: the request does not accept it. Server-owned fields cannot be set.";

    private const char Separator = '\u001f';

    public static JsonException Because(string reason) => new(Prefix + reason);

    /// <summary>An invalid value at a path below the one the serializer reports (inside a list): "[2].role".</summary>
    public static JsonException At(string pathSuffix, string reason) => new($"{Prefix}@{pathSuffix}{Separator}{reason}");

    /// <summary>The path suffix and the reason of a message from <see cref="At"/> or <see cref="Because"/>; any other message is all reason.</summary>
    public static (string Suffix, string Reason) Split(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!message.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return (string.Empty, message);
        }

        var rest = message[Prefix.Length..];
        var separator = rest.IndexOf(Separator, StringComparison.Ordinal);
        return rest.StartsWith('@') && separator > 0 ? (rest[1..separator], rest[(separator + 1)..]) : (string.Empty, rest);
    }

    /// <summary>
    /// Why the serializer refused a well-formed value at a member of <paramref name="memberType"/>, told from the
    /// exception's shape: ours carry their reason; a value the reader could not convert carries the reader's error;
    /// the serializer throws with none for a property given twice and for a non-object where an object belongs.
    /// </summary>
    public static string ReasonFor(Exception exception, Type? memberType)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception.Message.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return Split(exception.Message).Reason;
        }

        var expected = memberType is null ? "of the expected type" : JsonPaths.Describe(memberType);
        if (exception is InvalidOperationException || exception.InnerException is not null)
        {
            return $"The value is not {expected}.";
        }

        return memberType is not null && expected is "an object" or "an array"
            ? $"The value is not {expected}, or the property is given more than once."
            : "The property is given more than once.";
    }
}

/// <summary>
/// Strings are stored as sent, except what PostgreSQL's text cannot hold or UTF-8 cannot encode: a NUL character,
/// or half of a surrogate pair. Those are a 400 naming the field, never a failure at the database.
/// </summary>
public sealed class StorableStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? value;
        try
        {
            value = reader.GetString();
        }
        catch (InvalidOperationException) when (reader.TokenType == JsonTokenType.String)
        {
            // Bytes that are not UTF-8, or an escape that decodes to half of a surrogate pair, cannot become text at all.
            throw InvalidJsonValue.Because(Utf8.IsValid(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan)
                ? Problem
                : "The text is not valid UTF-8.");
        }

        return value is null || IsStorable(value) ? value : throw InvalidJsonValue.Because(Problem);
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }

    public const string Problem = "The text contains a NUL character or a lone surrogate (half of a UTF-16 pair), which cannot be stored.";

    public static bool IsStorable(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0')
            {
                return false;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>Dates are YYYY-MM-DD within the domain's calendar (<see cref="PolicyApi.Domain.Common.Bounds"/>).</summary>
public sealed class BoundedDateConverter : JsonConverter<DateOnly>
{
    public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
        {
            throw InvalidJsonValue.Because("The value is not a date in the form YYYY-MM-DD.");
        }

        return PolicyApi.Domain.Common.Bounds.Contains(date) ? date : throw InvalidJsonValue.Because($"The date must lie {PolicyApi.Domain.Common.Bounds.DateRange}.");
    }

    public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>Lists of objects or strings in a request never hold null: <c>[null]</c> is a 400 naming the list.</summary>
public sealed class NoNullElementsConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert)
    {
        ArgumentNullException.ThrowIfNull(typeToConvert);
        return ElementOf(typeToConvert) is { IsValueType: false };
    }

    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter?)Activator.CreateInstance(typeof(NoNullElementsConverter<>).MakeGenericType(ElementOf(typeToConvert)!));

    private static Type? ElementOf(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : null;

    private sealed class NoNullElementsConverter<T> : JsonConverter<IReadOnlyList<T>>
        where T : class
    {
        public override IReadOnlyList<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw InvalidJsonValue.Because("The value is not an array.");
            }

            var items = new List<T>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                T? item;
                try
                {
                    item = reader.TokenType == JsonTokenType.Null ? null : JsonSerializer.Deserialize<T>(ref reader, options);
                }
                catch (Exception e) when (e is InvalidOperationException || e.GetType() == typeof(JsonException))
                {
                    // The path of an error inside a list ends at the list: carry the rest (element and inner path) in the message.
                    var path = (e as JsonException)?.Path;
                    var inner = path is { Length: > 1 } ? path.TrimStart('$') : string.Empty;
                    var (suffix, _) = InvalidJsonValue.Split(e.Message);
                    var memberType = path is { Length: > 1 } ? JsonPaths.Resolve(options, typeof(T), path)?.MemberType : typeof(T);
                    var reason = JsonPaths.NamesUnknownMember(options, typeof(T), path) ? InvalidJsonValue.UnknownProperty : InvalidJsonValue.ReasonFor(e, memberType);
                    throw InvalidJsonValue.At($"[{items.Count}]{inner}{suffix}", reason);
                }

                items.Add(item ?? throw InvalidJsonValue.At($"[{items.Count}]", "The element is null; leave it out instead."));
            }

            return items;
        }

        public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            ArgumentNullException.ThrowIfNull(value);
            writer.WriteStartArray();
            foreach (var item in value)
            {
                JsonSerializer.Serialize(writer, item, options);
            }

            writer.WriteEndArray();
        }
    }
}

/// <summary>
/// Enums as camelCase strings (or the name an enum member declares, such as ">=" for a comparator); an unknown
/// value is a 400 that lists exactly the spellings accepted.
/// </summary>
public sealed class AcceptedValuesEnumConverterFactory : JsonConverterFactory
{
    private static readonly JsonStringEnumConverter Strings = new(JsonNamingPolicy.CamelCase, allowIntegerValues: false);

    public override bool CanConvert(Type typeToConvert)
    {
        ArgumentNullException.ThrowIfNull(typeToConvert);
        return typeToConvert.IsEnum;
    }

    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter?)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert), Strings.CreateConverter(typeToConvert, options));

    private sealed class Converter<TEnum>(JsonConverter inner) : JsonConverter<TEnum>
        where TEnum : struct, Enum
    {
        private readonly JsonConverter<TEnum> _inner = (JsonConverter<TEnum>)inner;
        private readonly string _accepted = EnumSpellings.List(typeof(TEnum));

        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            try
            {
                return _inner.Read(ref reader, typeToConvert, options);
            }
            catch (JsonException)
            {
                throw InvalidJsonValue.Because($"The value is not one of: {_accepted}.");
            }
        }

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => _inner.Write(writer, value, options);

        public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => _inner.ReadAsPropertyName(ref reader, typeToConvert, options);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => _inner.WriteAsPropertyName(writer, value, options);
    }
}
