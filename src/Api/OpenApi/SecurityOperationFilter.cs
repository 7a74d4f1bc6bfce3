using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace PolicyApi.Api.OpenApi;

/// <summary>Declares, per operation, that a bearer token is needed and which roles and scopes are admitted.</summary>
public sealed class SecurityOperationFilter : IOperationFilter
{
    public const string Scheme = "Bearer";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var policy = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<AuthorizeAttribute>().LastOrDefault()?.Policy;
        if (policy is null || !Policies.Rules.TryGetValue(policy, out var rule))
        {
            return;
        }

        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, context.Document)] = [] }];
        var access = $"Access: roles {string.Join(", ", rule.Roles)}" + (rule.Scopes.Length > 0 ? $"; system clients with scope {string.Join(" or ", rule.Scopes)}" : string.Empty) + ".";
        if (policy == Policies.ReportsWrite || policy == Policies.ReportsRead || policy == Policies.ReportingDuties)
        {
            access += " A reporter acts only on its own unit's reports and on subjects assigned to that unit.";
        }

        operation.Description = string.IsNullOrEmpty(operation.Description) ? access : operation.Description + "\n\n" + access;
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions["x-policy"] = new JsonNodeExtension(System.Text.Json.Nodes.JsonValue.Create(policy));
        operation.Responses ??= [];
        var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        operation.Responses.TryAdd("401", Problem("No token, or a token that is expired, wrongly signed or for another audience (WWW-Authenticate says why).", problem));
        operation.Responses.TryAdd("403", Problem("The token's role or scopes do not allow this operation.", problem));
        operation.Responses.TryAdd("429", Problem("Too many requests from this client; retry after the Retry-After seconds.", problem));
    }

    private static OpenApiResponse Problem(string description, IOpenApiSchema schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = schema } },
    };
}
