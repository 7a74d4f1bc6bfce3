using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;

namespace PolicyApi.Api.Http;

/// <summary>
/// Why the framework refused to bind a request, found from the endpoint's own parameters rather than read out of the
/// framework's message: the first route or query value its declared type cannot hold, or a required body not sent.
/// </summary>
public static class ParameterBinding
{
    /// <summary>A route or query value that could not be converted to its parameter's type.</summary>
    public sealed record Unreadable(string Field, string Value, Type Type);

    /// <summary>The first route or query value, in the handler's parameter order, that its declared type cannot hold.</summary>
    public static Unreadable? FindUnreadable(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (endpoint, routeValues) = EndpointOf(http);
        foreach (var binding in endpoint?.Metadata.OfType<IParameterBindingMetadata>() ?? [])
        {
            var parameter = binding.ParameterInfo;
            var attributes = parameter.GetCustomAttributes(true);
            if (attributes.Any(a => a is FromBodyAttribute or FromHeaderAttribute or FromServicesAttribute or FromFormAttribute))
            {
                continue;
            }

            var name = attributes.OfType<FromQueryAttribute>().FirstOrDefault()?.Name ?? attributes.OfType<FromRouteAttribute>().FirstOrDefault()?.Name ?? binding.Name;
            var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            var value = routeValues.TryGetValue(name, out var route) ? route?.ToString() : http.Request.Query[name].FirstOrDefault();
            if (!string.IsNullOrEmpty(value) && !CanHold(type, value))
            {
                return new Unreadable(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name), value, type);
            }
        }

        return null;
    }

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
        if (EndpointOf(http).Endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is not { } type
            || Segments(jsonPath) is not { Count: > 0 } segments || segments[^1] is not { Name: { } member })
        {
            return false;
        }

        var options = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var comparison = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var segment in segments.SkipLast(1))
        {
            type = segment.Name is { } name
                ? options.GetTypeInfo(type).Properties.FirstOrDefault(p => string.Equals(p.Name, name, comparison))?.PropertyType
                : ElementType(type);
            if (type is null)
            {
                return false;
            }

            type = Nullable.GetUnderlyingType(type) ?? type;
        }

        var parent = options.GetTypeInfo(type);
        return parent.Kind == System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Object
            && !parent.Properties.Any(p => string.Equals(p.Name, member, comparison));
    }

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

    private static Type? ElementType(Type type) =>
        type.IsArray
            ? type.GetElementType()
            : (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>) ? type : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)))
                ?.GetGenericArguments()[0];

    /// <summary>The endpoint and route values of the request; inside the exception handler, those it had before the error.</summary>
    private static (Endpoint? Endpoint, RouteValueDictionary RouteValues) EndpointOf(HttpContext http) =>
        http.Features.Get<IExceptionHandlerFeature>() is { } failed
            ? (failed.Endpoint, failed.RouteValues ?? [])
            : (http.GetEndpoint(), http.Request.RouteValues);

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
