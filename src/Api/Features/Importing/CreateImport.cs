using System.Text.Json;
using Microsoft.Extensions.Options;

namespace PolicyApi.Api.Features.Importing;

/// <summary>Settings of the importer.</summary>
public sealed class ImportOptions
{
    /// <summary>How long a draft can be committed after it was read.</summary>
    public TimeSpan DraftLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The largest request body POST /imports accepts, in bytes.</summary>
    public long MaxBodyBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>
    /// Regions an operator declares: known before any unit or document of theirs is registered (a draft for one carries no
    /// new-region warning), and among the regions a new one is compared with for typos.
    /// </summary>
    public IList<string> Regions { get; } = [];
}

/// <summary>A document text to read, with the region whose registry resolves its units, and metadata that overrides what is read.</summary>
public sealed record CreateImport : ICommand<ImportResponse>
{
    /// <summary>The document's plain text (UTF-8), as extracted from the published file.</summary>
    public string? Text { get; init; }

    /// <summary>The region the document belongs to, e.g. 连云港市.</summary>
    public string? Region { get; init; }

    public string? Title { get; init; }

    public string? DocNumber { get; init; }

    public string? Issuer { get; init; }

    public DateOnly? IssuedOn { get; init; }

    /// <summary>measures, implementationOpinions, workPlan, constructionPlan or other.</summary>
    public DocumentKind? Kind { get; init; }
}

public sealed class CreateImportValidator : AbstractValidator<CreateImport>
{
    public const int MaxTextLength = 1_000_000;

    public CreateImportValidator()
    {
        RuleFor(x => x.Text).NotEmpty().WithMessage("'text' is required: the document's plain text.")
            .Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("'text' contains only white space.")
            .MaximumLength(MaxTextLength)
            .Must(NotBinary).WithMessage("'text' contains control characters or bytes that are not UTF-8: it looks like binary data, not a document's text. Extract the text and send it as UTF-8.");
        RuleFor(x => x.Region).NotEmpty().MaximumLength(TextLimits.Region);
        RuleFor(x => x.Title).MaximumLength(TextLimits.Title);
        RuleFor(x => x.DocNumber).MaximumLength(TextLimits.DocNumber);
        RuleFor(x => x.Issuer).MaximumLength(TextLimits.Issuer);
        RuleFor(x => x.Kind).IsInEnum();
    }

    private static bool NotBinary(string? text) =>
        text is null || !text.Any(c => (char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f')) || c == '\uFFFD');
}

public sealed class CreateImportHandler(PolicyDbContext db, ICurrentCaller caller, ServiceClock clock, Documents.DocumentNumbers documentNumbers, ImportUnitResolver resolver, IOptions<ImportOptions> options)
    : MediatR.IRequestHandler<CreateImport, ImportResponse>
{
    public async Task<ImportResponse> Handle(CreateImport request, CancellationToken cancellationToken)
    {
        var region = request.Region!.Trim();
        var draft = PolicyTextParser.Parse(request.Text!, region);
        if (draft.Measures.Count == 0)
        {
            // What the reader stumbled on (a table without a header, say) names its line: that is where to look.
            var lines = draft.Warnings.Where(w => w.StartsWith("Line ", StringComparison.Ordinal)).ToList();
            throw new UnprocessableException(
                ProblemTypes.ForRule("no-measures-found"),
                "No measures found",
                "The text has no numbered measures the importer recognises (一、 chapters, （一） or 1. items, or the rows of a task table under a header naming 序号 and 工作任务). " +
                (lines.Count > 0 ? string.Join(" ", lines) : "Check that it is the document's body text."))
            {
                Errors = new Dictionary<string, string[]> { ["text"] = ["No recognisable measures.", .. lines] },
            };
        }

        draft = draft with
        {
            Title = request.Title ?? draft.Title,
            DocNumber = request.DocNumber ?? draft.DocNumber,
            Issuer = request.Issuer ?? draft.Issuer,
            IssuedOn = request.IssuedOn ?? draft.IssuedOn,
            Kind = request.Kind ?? draft.Kind,
        };
        if (draft.DocNumber is { Length: > 0 } docNumber)
        {
            if (await documentNumbers.HolderAsync(TextKey.For(docNumber), null, cancellationToken) is { } holder)
            {
                draft = draft with
                {
                    Warnings = [.. draft.Warnings, $"文号 {docNumber} is already registered as document {holder.Id} ({holder.Title}); committing this draft will be refused unless the number is corrected."],
                };
            }
        }

        draft = draft with { Warnings = [.. await RegionWarningsAsync(region, cancellationToken), .. draft.Warnings, .. await UnboundScopeWarningsAsync(draft, cancellationToken)] };
        var record = DocumentImport.Start(region, request.Text!, JsonSerializer.Serialize(draft, ImportDrafts.Json), caller.Actor.Subject, clock.Now, options.Value.DraftLifetime);
        db.Imports.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return await resolver.DescribeAsync(record, draft, cancellationToken);
    }

    /// <summary>
    /// A region is known once its registry has a unit or a document, or when it is configured. A new one is registered by the
    /// commit that creates its first units, so it is read, with a warning; one a character or two away from a known region
    /// with the same ending (连云巷市 for 连云港市) is probably a typo, and the warning says which.
    /// </summary>
    private async Task<List<string>> RegionWarningsAsync(string region, CancellationToken cancellationToken)
    {
        if (options.Value.Regions.Contains(region, StringComparer.Ordinal)
            || await db.Units.AnyAsync(u => u.Region == region, cancellationToken)
            || await db.Documents.AnyAsync(d => d.Region == region, cancellationToken))
        {
            return [];
        }

        var known = await db.Units.Select(u => u.Region).Union(db.Documents.Select(d => d.Region)).ToListAsync(cancellationToken);
        var warnings = new List<string>
        {
            $"Region {region} has no registered units yet: the commit registers it with the draft's units (createMissingUnits: true; kinds guessed from the names — " +
            "区/县/市政府 district government, 管委会 functional zone, 局/委/办 department — or given in createUnits).",
        };
        foreach (var similar in known.Concat(options.Value.Regions).Distinct(StringComparer.Ordinal).Where(k => LooksLikeTypo(region, k)).Order(StringComparer.Ordinal))
        {
            warnings.Add($"Region {region} is not known, but {similar} is, and differs by {TextSimilarity.EditDistance(region, similar)} character(s): if {similar} is meant, submit the text again with that region.");
        }

        return warnings;
    }

    /// <summary>An each-unit target (各县市区不少于4次) whose set has no registered unit would bind nobody: said before the commit.</summary>
    private async Task<IEnumerable<string>> UnboundScopeWarningsAsync(ImportDraft draft, CancellationToken cancellationToken)
    {
        var scoped = draft.Targets.Where(t => t.Scope == "each" && t.ScopeText is { } s && DraftTranslator.CollectiveKinds(s).Count > 0).ToList();
        if (scoped.Count == 0)
        {
            return [];
        }

        var units = await db.Units.AsNoTracking().Where(u => u.Region == draft.Region).ToListAsync(cancellationToken);
        return scoped.Where(t => !units.Any(u => DraftTranslator.ScopeBinds(t.ScopeText!, u))).Select(t =>
            $"Target '{t.Text}' binds each of {t.ScopeText}, but {draft.Region} has no registered unit of that kind: register them (or name them in createUnits " +
            "when committing) so that each owes it; otherwise it is committed region-wide and no unit owes it.");
    }

    private static bool LooksLikeTypo(string region, string known) =>
        known != region && known.Length > 0 && region[^1] == known[^1]
        && TextSimilarity.EditDistance(region, known) <= (Math.Min(region.Length, known.Length) >= 6 ? 2 : 1);
}

internal static class CreateImportEndpoint
{
    public static void Map(IEndpointRouteBuilder imports)
    {
        imports.MapPost("/", (CreateImport command, MediatorResults results) => results.CreatedAsync(command, created => $"/api/v1/imports/{created.Id}"))
            .Describe("CreateImport", "Read a document's text into a draft",
                "Reads the plain text of a policy document and proposes its structure — metadata, chapters, measures with labels and parents, " +
                "responsible units with roles, blanket assignments, task-table rows, targets and supervision rhythm — each with the span of text it came from. " +
                "A document that is only a task table (任务分工表) gives its rows as measures of kind task, with their 完成时限 as deadline and a 重点工作 column as chapters. " +
                "What cannot be read (a table without a header, a row of another width, a second 文号) is a warning naming the line. " +
                "Every unit name is resolved against the region's registry; unknown names come with the closest known units. A region with no units yet is read " +
                "with a warning (and one that looks like a typo of a known region with another); its commit registers it. Nothing becomes the record " +
                "until the draft is committed. Metadata given in the request overrides what is read.")
            .CreatesResource<CreateImport, ImportResponse>(400, 413, 415, 422);

        imports.MapPost("/text", async (HttpContext http, string? region, string? title, string? docNumber, string? issuer, string? issuedOn, [OneOf<PolicyApi.Domain.Documents.DocumentKind>] string? kind,
                IMediator mediator, Representations representations, CancellationToken ct) =>
            {
                var command = new CreateImport
                {
                    Text = await ReadUtf8TextAsync(http.Request, ct),
                    Region = region,
                    Title = title,
                    DocNumber = docNumber,
                    Issuer = issuer,
                    IssuedOn = QueryValues.ParseDate(issuedOn, "issuedOn"),
                    Kind = QueryValues.ParseEnum<PolicyApi.Domain.Documents.DocumentKind>(kind, "kind"),
                };
                var created = await mediator.Send(command, ct);
                return representations.Created(http, $"/api/v1/imports/{created.Id}", created);
            })
            .Describe("CreateImportFromText", "Read a document's text, sent as text/plain, into a draft",
                "The same as POST /imports with the text as the body (text/plain; charset=utf-8) and the region and metadata in the query, " +
                "for `curl --data-binary @document.txt`. Bytes that are not UTF-8 are a 400 naming text.")
            .WithMetadata(new PlainTextBodyAttribute())
            .Produces<ImportResponse>(StatusCodes.Status201Created)
            .Idempotent()
            .WithProblems(400, 413, 415, 422);
    }

    private static async Task<string> ReadUtf8TextAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            throw new UnsupportedMediaTypeException("text/plain; charset=utf-8");
        }

        if (type.Charset.HasValue && !type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidInputException("text", $"The text must be UTF-8, not {type.Charset}.");
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        try
        {
            return new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length).TrimStart('\uFEFF');
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new InvalidInputException("text", "The body is not UTF-8 text: it holds bytes that are not UTF-8 (GBK, a PDF or a Word file?). Extract the text and send it as UTF-8.");
        }
    }
}
