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
