using System.Text.Json;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PolicyApi.Api.Application;
using PolicyApi.Api.Http;
using PolicyApi.Domain.Common;
using PolicyApi.Domain.Importing;
using PolicyApi.Domain.Documents;
using PolicyApi.Infrastructure.Persistence;

namespace PolicyApi.Api.Features.Importing;

/// <summary>Settings of the importer.</summary>
public sealed class ImportOptions
{
    /// <summary>How long a draft can be committed after it was read.</summary>
    public TimeSpan DraftLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The largest request body POST /imports accepts, in bytes.</summary>
    public long MaxBodyBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Regions accepted even before any unit or document of theirs is registered.</summary>
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

public sealed class CreateImportHandler(PolicyDbContext db, RequestContext context, IOptions<ImportOptions> options)
    : MediatR.IRequestHandler<CreateImport, ImportResponse>
{
    public async Task<ImportResponse> Handle(CreateImport request, CancellationToken cancellationToken)
    {
        var region = request.Region!.Trim();
        await ImportDrafts.EnsureKnownRegionAsync(db, region, options.Value, cancellationToken);
        var draft = PolicyTextParser.Parse(request.Text!, region);
        if (draft.Measures.Count == 0)
        {
            throw new UnprocessableException(
                ProblemTypes.ForRule("no-measures-found"),
                "No measures found",
                "The text has no numbered measures the importer recognises (一、 chapters, （一） or 1. items). Check that it is the document's body text.")
            {
                Errors = new Dictionary<string, string[]> { ["text"] = ["No recognisable measures."] },
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
            if (await Documents.DocumentNumbers.HolderAsync(db, TextKey.For(docNumber), null, cancellationToken) is { } holder)
            {
                draft = draft with
                {
                    Warnings = [.. draft.Warnings, $"文号 {docNumber} is already registered as document {holder.Id} ({holder.Title}); committing this draft will be refused unless the number is corrected."],
                };
            }
        }

        var record = DocumentImport.Start(region, request.Text!, JsonSerializer.Serialize(draft, ImportDrafts.Json), context.Actor.Subject, context.Now, options.Value.DraftLifetime);
        db.Imports.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return await ImportResponse.FromAsync(db, record, draft, cancellationToken);
    }
}

public sealed record GetImport(Guid Id) : IQuery<ImportResponse>;

public sealed class GetImportHandler(PolicyDbContext db) : MediatR.IRequestHandler<GetImport, ImportResponse>
{
    public async Task<ImportResponse> Handle(GetImport request, CancellationToken cancellationToken)
    {
        var record = await db.Imports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == request.Id, cancellationToken)
            ?? throw new ResourceNotFoundException("Import", request.Id);
        return await ImportResponse.FromAsync(db, record, ImportDrafts.Read(record), cancellationToken);
    }
}

/// <summary>An import: the draft read from the text, how each unit name resolves, and whether it was committed.</summary>
public sealed record ImportResponse(
    Guid Id,
    ImportStatus Status,
    string Region,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? CommittedAt,
    Guid? DocumentId,
    ImportDraft Draft,
    IReadOnlyList<UnitResolution> Units)
{
    /// <summary>Unit names that resolve to no unit: map or create them in the commit.</summary>
    public int UnresolvedUnits => Units.Count(u => u.Match == "none");

    internal static async Task<ImportResponse> FromAsync(PolicyDbContext db, DocumentImport record, ImportDraft draft, CancellationToken cancellationToken)
    {
        var directory = await UnitDirectory.LoadAsync(db, record.Region, cancellationToken);
        var units = ImportDrafts.UnitNames(draft).Select(n => directory.Resolve(n.Name, n.Occurrences)).ToList();
        return new ImportResponse(record.Id, record.Status, record.Region, record.CreatedAt, record.ExpiresAt,
            record.CommittedAt, record.DocumentId, draft, units);
    }
}

/// <summary>Helpers shared by the import use cases.</summary>
internal static class ImportDrafts
{
    public static readonly JsonSerializerOptions Json = CreateJson();

    public static ImportDraft Read(DocumentImport record) =>
        JsonSerializer.Deserialize<ImportDraft>(record.DraftJson, Json) ?? throw new InvalidOperationException($"Import {record.Id} has no draft.");

    /// <summary>Every unit name of the draft (measures and task rows), once, in order of first appearance.</summary>
    public static List<(string Name, int Occurrences)> UnitNames(ImportDraft draft) =>
        draft.Measures.SelectMany(m => m.ResponsibleUnits).Concat(draft.Tasks.SelectMany(t => t.ResponsibleUnits))
            .GroupBy(u => u.Name, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count()))
            .ToList();

    /// <summary>A region is known once its registry has a unit or a document, or when it is configured.</summary>
    public static async Task EnsureKnownRegionAsync(PolicyDbContext db, string region, ImportOptions options, CancellationToken cancellationToken)
    {
        if (options.Regions.Contains(region, StringComparer.Ordinal)
            || await db.Units.AnyAsync(u => u.Region == region, cancellationToken)
            || await db.Documents.AnyAsync(d => d.Region == region, cancellationToken))
        {
            return;
        }

        throw new UnprocessableException(ProblemTypes.ForRule("unknown-region"), "Unknown region",
            $"No region '{region}' is known: it has no registered units or documents and is not configured (Import:Regions). Register a unit of the region first.")
        {
            Errors = new Dictionary<string, string[]> { ["region"] = [$"Unknown region '{region}'."] },
        };
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions();
        ApiJson.Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
