namespace PolicyApi.Api.Features.Importing;

/// <summary>Which registered unit a name of the draft means.</summary>
public sealed record UnitMapping(string? Name, Guid? UnitId);

/// <summary>A name of the draft to register as a new unit of the region, with its kind (guessed from the name when left out).</summary>
public sealed record UnitToCreate(string? Name, UnitKind? Kind);

/// <summary>
/// Turns an import's draft into the record: the document, its chapters and measures, task rows as
/// measures of kind task under their measure, unit assignments with roles, blanket assignments and
/// targets, in one transaction.
/// </summary>
public sealed record CommitImport : ICommand<CommitResponse>, ICarriesDraft
{
    [JsonIgnore]
    public Guid ImportId { get; init; }

    /// <summary>The draft as corrected by the caller; the stored draft when left out.</summary>
    public ImportDraft? Draft { get; init; }

    /// <summary>Names mapped to existing units of the region (any name of the draft, resolved or not).</summary>
    public IReadOnlyList<UnitMapping>? UnitMappings { get; init; }

    /// <summary>
    /// Names to register as new units of the region: names of the draft, and units the text names only as a set (港口区 for
    /// 各县市区), so that the draft's each-unit targets bind them.
    /// </summary>
    public IReadOnlyList<UnitToCreate>? CreateUnits { get; init; }

    /// <summary>Register every name that still resolves to no unit as a new unit (kind guessed from the name).</summary>
    public bool CreateMissingUnits { get; init; }
}

/// <summary>A request that carries a corrected draft (a commit, a correction of the stored draft).</summary>
public interface ICarriesDraft
{
    ImportDraft? Draft { get; }
}

/// <summary>The rules a corrected draft meets, named by their place in the request (draft.measures[0].title …).</summary>
public abstract class CorrectedDraftValidator<T> : AbstractValidator<T>
    where T : ICarriesDraft
{
    protected CorrectedDraftValidator()
    {
        When(x => x.Draft is not null, () =>
        {
            RuleFor(x => x.Draft!.Title).MaximumLength(TextLimits.Title);
            RuleFor(x => x.Draft!.DocNumber).MaximumLength(TextLimits.DocNumber);
            RuleFor(x => x.Draft!.Issuer).MaximumLength(TextLimits.Issuer);
            RuleFor(x => x.Draft!.Kind).IsInEnum();
            RuleFor(x => x.Draft!.Measures).Must(m => m is null || m.Count > 0).WithMessage("A draft has at least one measure.");
            RuleForEach(x => x.Draft!.Measures).ChildRules(m =>
            {
                m.RuleFor(x => x.Label).NotEmpty().MaximumLength(TextLimits.Label);
                m.RuleFor(x => x.Title).NotEmpty().MaximumLength(TextLimits.MeasureTitle);
                m.RuleFor(x => x.Body).MaximumLength(TextLimits.Body);
                m.RuleFor(x => x.Kind).IsInEnum();
                m.RuleFor(x => x.Deadline).MaximumLength(TextLimits.Deadline).OneLineOfText();
                m.RuleFor(x => x.BlanketAssignment).MaximumLength(TextLimits.BlanketAssignmentText);
                m.RuleFor(x => x.UnparsedUnits).MaximumLength(TextLimits.Body);
                m.RuleForEach(x => x.ResponsibleUnits).ChildRules(u =>
                {
                    u.RuleFor(x => x.Name).NotEmpty().MaximumLength(TextLimits.UnitName);
                    u.RuleFor(x => x.Role).IsInEnum();
                });
            });
            RuleFor(x => x.Draft!).Custom((draft, ctx) =>
            {
                foreach (var (field, message) in DraftChecks.Problems(draft))
                {
                    ctx.AddFailure(field, message);
                }
            });
        });
    }
}

public sealed class CommitImportValidator : CorrectedDraftValidator<CommitImport>
{
    public CommitImportValidator()
    {
        RuleForEach(x => x.UnitMappings).ChildRules(m =>
        {
            m.RuleFor(x => x.Name).NotEmpty().MaximumLength(TextLimits.UnitName);
            m.RuleFor(x => x.UnitId).NotEmpty();
        });
        RuleForEach(x => x.CreateUnits).ChildRules(c =>
        {
            c.RuleFor(x => x.Name).NotEmpty().MaximumLength(TextLimits.UnitName);
            c.RuleFor(x => x.Kind).IsInEnum();
        });
    }
}

/// <summary>What a commit made.</summary>
public sealed record CommitResponse(
    Guid ImportId,
    Guid DocumentId,
    string Title,
    int Chapters,
    int Measures,
    int Tasks,
    int Assignments,
    int BlanketAssignments,
    int Targets,
    IReadOnlyList<CreatedUnit> CreatedUnits,
    IReadOnlyList<string> Notes);

public sealed record CreatedUnit(Guid UnitId, string Name, UnitKind Kind);

/// <summary>Commits a draft: its units resolved (or registered), translated into the record by the domain, in one transaction.</summary>
public sealed class CommitImportHandler(PolicyDbContext db, Documents.DocumentNumbers documentNumbers, ICurrentCaller caller, ServiceClock clock, ImportUnitResolver resolver)
    : MediatR.IRequestHandler<CommitImport, CommitResponse>
{
    public async Task<CommitResponse> Handle(CommitImport request, CancellationToken cancellationToken)
    {
        var import = await ImportDrafts.LoadUnexpiredAsync(db, request.ImportId, clock.Now, cancellationToken);
        import.EnsureCommittable(clock.Now);

        var draft = (request.Draft ?? ImportDrafts.Read(import)) with { Region = import.Region };
        ImportDrafts.EnsureUnitListsResolved(draft);
        var units = await resolver.ResolveAsync(import.Region, draft, request, cancellationToken);
        var translated = DraftTranslator.Translate(draft, units.ByName, units.Region);
        await documentNumbers.EnsureFreeAsync(translated.Document, cancellationToken);

        db.Documents.Add(translated.Document);
        db.Targets.AddRange(translated.Targets);
        import.Commit(translated.Document.Id, caller.Actor.Subject, clock.Now);
        await db.SaveChangesAsync(cancellationToken);

        return new CommitResponse(import.Id, translated.Document.Id, translated.Document.Title, translated.Document.Chapters.Count,
            draft.Measures.Count, draft.Tasks.Count, translated.Assignments, translated.BlanketAssignments, translated.Targets.Count,
            [.. units.Created.Select(u => new CreatedUnit(u.Id, u.Name, u.Kind))], [.. units.Notes, .. translated.Notes]);
    }
}

internal static class CommitImportEndpoint
{
    public static void Map(IEndpointRouteBuilder imports) =>
        imports.MapPost("/{importId}/commit", async (Guid importId, [FromBody] CommitImport? command, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var committed = await mediator.Send((command ?? new CommitImport()) with { ImportId = importId }, ct);
                return TypedResults.Created($"/api/v1/documents/{committed.DocumentId}", committed);
            })
            .Describe("CommitImport", "Commit a draft as the record",
                "Creates the document, chapters, measures, task rows (as measures of kind task), unit assignments, blanket assignments and targets " +
                "in one transaction. Send the corrected draft, map unit names to registered units, or let unknown names be registered " +
                "(createMissingUnits); a region with no units yet is registered by the commit. Unresolved names are a 422 listing suggestions; " +
                "a unit list the importer could not read (unparsedUnits) is a 422 naming its line until it is cleared; a 文号 already registered is a 409 naming the document; " +
                "a draft already committed is a 409; an expired draft is a 410.")
            .CreatesResource<CommitImport, CommitResponse>(400, 404, 409, 410, 413, 415, 422);
}
