using System.Text.Json;
using FluentValidation.Internal;

namespace PolicyApi.Api.Application;

/// <summary>Validation errors name fields as the JSON does: <c>period.to</c>, <c>aliases[2]</c>.</summary>
public static class ValidationNames
{
    public static void UseCamelCase()
    {
        ValidatorOptions.Global.PropertyNameResolver = (_, member, expression) =>
        {
            if (expression is not null && PropertyChain.FromExpression(expression).ToString() is { Length: > 0 } chain)
            {
                return Camel(chain);
            }

            return member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        };
        ValidatorOptions.Global.DisplayNameResolver = (type, member, expression) =>
            ValidatorOptions.Global.PropertyNameResolver(type, member, expression);
    }

    private static string Camel(string chain) =>
        string.Join('.', chain.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}
