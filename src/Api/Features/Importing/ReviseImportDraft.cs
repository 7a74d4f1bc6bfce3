using System.Text.Json;

namespace PolicyApi.Api.Features.Importing;

/// <summary>
/// A draft as a person corrected it, kept on the import until it is committed: units read from a list the importer could
/// not read (with unparsedUnits cleared), titles, roles, a growth target's basedOn.
/// </summary>
public sealed record ReviseImportDraft : ICommand<ImportResponse>, ICarriesDraft
{
    [JsonIgnore]
    public Guid ImportId { get; init; }

    /// <summary>The whole corrected draft, as GET /imports/{importId} answers it in <c>draft</c>.</summary>
    public ImportDraft? Draft { get; init; }
}

public sealed class ReviseImportDraftValidator : CorrectedDraftValidator<ReviseImportDraft>
{
    public ReviseImportDraftValidator() => RuleFor(x => x.Draft).NotNull().WithMessage("'draft' is required: the whole corrected draft.");
}

public sealed class ReviseImportDraftHandler(PolicyDbContext db, ServiceClock clock, ImportUnitResolver resolver, Representations representations)
    : MediatR.IRequestHandler<ReviseImportDraft, ImportResponse>
{
    public async Task<ImportResponse> Handle(ReviseImportDraft request, CancellationToken cancellationToken)
    {
        var import = await ImportDrafts.LoadUnexpiredAsync(db, request.ImportId, clock.Now, cancellationToken);
        representations.EnsureMatch(await resolver.DescribeAsync(import, ImportDrafts.Read(import), cancellationToken));
        var draft = request.Draft! with { Region = import.Region };
        import.Revise(JsonSerializer.Serialize(draft, ImportDrafts.Json), clock.Now);
        await db.SaveChangesAsync(cancellationToken);
        return await resolver.DescribeAsync(import, draft, cancellationToken);
    }
}

internal static class ReviseImportDraftEndpoint
{
    public static void Map(IEndpointRouteBuilder imports) =>
        imports.MapPut("/{importId}/draft", (Guid importId, ReviseImportDraft command, MediatorResults results) => results.OkAsync(command with { ImportId = importId }))
            .Describe("ReviseImportDraft", "Correct an import's draft",
                "Replaces the stored draft with the corrected one, which the commit then uses: this is how a person resolves a unit list the importer " +
                "could not read (put its units in responsibleUnits and set unparsedUnits to null), or corrects titles, roles and targets. " +
                "Requires If-Match (the import's ETag). A committed draft is a 409; an expired one a 410.")
            .ReplacesResource<ReviseImportDraft, ImportResponse>()
            .WithProblems(StatusCodes.Status410Gone);
}
