namespace PolicyApi.Api.Features.Importing;

public sealed record GetImport([FromRoute(Name = "importId")] Guid Id) : IQuery<ImportResponse>;

public sealed class GetImportHandler(PolicyDbContext db, ImportUnitResolver resolver) : MediatR.IRequestHandler<GetImport, ImportResponse>
{
    public async Task<ImportResponse> Handle(GetImport request, CancellationToken cancellationToken)
    {
        var record = await db.Imports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == request.Id, cancellationToken)
            ?? throw new ResourceNotFoundException("Import", request.Id);
        return await resolver.DescribeAsync(record, ImportDrafts.Read(record), cancellationToken);
    }
}

internal static class GetImportEndpoint
{
    public static void Map(IEndpointRouteBuilder imports) =>
        imports.MapGetResource<GetImport, ImportResponse>("/{importId}")
            .Describe("GetImport", "Read an import's draft", "The draft as read, with unit names resolved against the registry as it stands now, and whether it was committed.");
}
