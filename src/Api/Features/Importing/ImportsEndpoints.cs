namespace PolicyApi.Api.Features.Importing;

/// <summary>The routes of imports, from a document's text to a committed record: /api/v1/imports.</summary>
public static class ImportsEndpoints
{
    public static IEndpointRouteBuilder MapImports(this IEndpointRouteBuilder app)
    {
        var imports = app.MapGroup("/api/v1/imports").WithTags("Imports");
        CreateImportEndpoint.Map(imports);
        GetImportEndpoint.Map(imports);
        CommitImportEndpoint.Map(imports);

        return app;
    }
}
