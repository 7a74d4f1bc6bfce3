using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;

namespace PolicyApi.Api.Http;

/// <summary>
/// Why the framework refused to bind a request, found from the endpoint's own parameters rather than read out of the
/// framework's message: the first route or query value its declared type cannot hold, or a required body not sent.
/// </summary>
public static class ParameterBinding
{
    /// <summary>A route or query value that could not be converted to its parameter's type, and why.</summary>
    public sealed record Unreadable(string Field, string Message);

    /// <summary>
    /// The first route or query value, in the handler's parameter order, that its declared type cannot hold: one it
    /// cannot convert, or an empty one (<c>?year=</c>) where a number, id, date or instant is wanted.
    /// </summary>
    public static Unreadable? FindUnreadable(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (endpoint, routeValues) = EndpointOf(http);
        foreach (var (name, parameter) in ValueParameters(endpoint))
        {
            var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            var value = routeValues.TryGetValue(name, out var route) ? route?.ToString() : http.Request.Query[name].FirstOrDefault();
            var field = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);
            if (value is "" && type != typeof(string))
            {
                return new Unreadable(field, $"'{field}' is empty: give {JsonPaths.Describe(type)}, or leave it out.");
            }

            if (!string.IsNullOrEmpty(value) && !CanHold(type, value))
            {
                return new Unreadable(field, $"'{value}' is not {JsonPaths.Describe(type)}.");
            }
        }

        return null;
    }

    /// <summary>
    /// The first query parameter of the endpoint given more than once (<c>?region=a&amp;region=b</c>, names in any
    /// case): every parameter takes one value, and the framework would join a text's values with a comma.
    /// </summary>
    public static string? FindRepeated(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Request.Query.Count == 0)
        {
            return null;
        }

        return ValueParameters(http.GetEndpoint())
            .Select(p => p.Name)
            .Where(name => http.Request.Query[name].Count > 1)
            .Select(name => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name))
            .FirstOrDefault();
    }

    /// <summary>
    /// The first query parameter the endpoint does not take (a misspelt filter, <c>?unit=</c> for <c>?unitId=</c>),
    /// with the ones it does take: a filter the server would ignore answers more than the caller asked for. Null for
    /// an endpoint that is not a handler with declared parameters (health checks).
    /// </summary>
    public static (string Name, IReadOnlyList<string> Accepted)? FindUnknown(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var endpoint = http.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<MethodInfo>() is null || http.Request.Query.Count == 0)
        {
            return null;
        }

        var accepted = QueryNames.GetValue(endpoint, e =>
        {
            var route = (e as RouteEndpoint)?.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
            return [.. ValueParameters(e).Select(p => p.Name).Where(name => !route.Contains(name))];
        });
        return http.Request.Query.Keys.FirstOrDefault(key => !accepted.Contains(key, StringComparer.OrdinalIgnoreCase)) is { } unknown
            ? (unknown, [.. accepted.Select(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName)])
            : null;
    }

    /// <summary>
    /// The endpoint's parameters bound from the route or the query string, under the names they bind: texts and the
    /// values the framework parses (numbers, ids, dates, enums), not a body, a service or the request's own objects.
    /// Read from the endpoint's metadata once per endpoint: every request with a query string asks.
    /// </summary>
    private static List<(string Name, ParameterInfo Parameter)> ValueParameters(Endpoint? endpoint) =>
        endpoint is null ? [] : Declared.GetValue(endpoint, e => [.. e.Metadata.OfType<IParameterBindingMetadata>()
            .Select(binding => (Binding: binding, Attributes: binding.ParameterInfo.GetCustomAttributes(true)))
            .Where(p => IsValue(p.Binding.ParameterInfo.ParameterType)
                && !p.Attributes.Any(a => a is FromBodyAttribute or FromHeaderAttribute or FromServicesAttribute or FromFormAttribute))
            .Select(p => (p.Attributes.OfType<FromQueryAttribute>().FirstOrDefault()?.Name ?? p.Attributes.OfType<FromRouteAttribute>().FirstOrDefault()?.Name ?? p.Binding.Name, p.Binding.ParameterInfo))]);

    private static readonly ConditionalWeakTable<Endpoint, List<(string Name, ParameterInfo Parameter)>> Declared = new();

    /// <summary>The endpoint's value parameters that are not in its route: the query parameters it takes, read once per endpoint.</summary>
    private static readonly ConditionalWeakTable<Endpoint, List<string>> QueryNames = new();

    /// <summary>Whether the endpoint requires a JSON body that the request did not send.</summary>
    public static bool LacksRequiredBody(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return EndpointOf(http).Endpoint?.Metadata.GetMetadata<IAcceptsMetadata>() is { IsOptional: false }
            && http.Request.ContentLength is null or 0;
    }

    /// <summary>
    /// Whether a JSON path of the body (<c>$.period.bogus</c>, <c>$.items[0]['x y']</c>) ends in a member that the body's
    /// type, as the serializer sees it, does not have: a property the request does not accept (or a server-owned one).
    /// </summary>
    public static bool NamesUnknownMember(HttpContext http, string? jsonPath)
    {
        ArgumentNullException.ThrowIfNull(http);
        return EndpointOf(http).Endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is { } type
            && JsonPaths.NamesUnknownMember(SerializerOptions(http), type, jsonPath);
    }

    /// <summary>The declared type of the body member a JSON path points at; null when the path names no member.</summary>
    public static Type? MemberTypeAt(HttpContext http, string? jsonPath) => BodyTarget(http, jsonPath)?.MemberType;

    private static JsonPaths.Target? BodyTarget(HttpContext http, string? jsonPath)
    {
        ArgumentNullException.ThrowIfNull(http);
        return EndpointOf(http).Endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is { } type
            ? JsonPaths.Resolve(SerializerOptions(http), type, jsonPath)
            : null;
    }

    private static System.Text.Json.JsonSerializerOptions SerializerOptions(HttpContext http) =>
        http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;

    /// <summary>The endpoint and route values of the request; inside the exception handler, those it had before the error.</summary>
    private static (Endpoint? Endpoint, RouteValueDictionary RouteValues) EndpointOf(HttpContext http) =>
        http.Features.Get<IExceptionHandlerFeature>() is { } failed
            ? (failed.Endpoint, failed.RouteValues ?? [])
            : (http.GetEndpoint(), http.Request.RouteValues);

    /// <summary>A text, an enum, or a type the framework parses from a string (numbers, ids, dates and instants).</summary>
    private static bool IsValue(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(string) || type.IsEnum
            || type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider), type.MakeByRefType()]) is not null;
    }

    /// <summary>Converts as the framework does: the type's TryParse(string, IFormatProvider) with the invariant culture.</summary>
    private static bool CanHold(Type type, string value)
    {
        if (type == typeof(string))
        {
            return true;
        }

        if (type.IsEnum)
        {
            return Enum.TryParse(type, value, ignoreCase: true, out _);
        }

        var tryParse = type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider), type.MakeByRefType()]);
        return tryParse is null || (bool)tryParse.Invoke(null, [value, CultureInfo.InvariantCulture, null])!;
    }
}
