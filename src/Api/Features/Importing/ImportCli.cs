using System.Text;
using System.Text.Json;

namespace PolicyApi.Api.Features.Importing;

/// <summary>
/// <c>dotnet run --project src/Api -- import FILE --region REGION</c>: reads a document's text and prints
/// the draft as JSON, for people who prepare imports in bulk. Needs no database.
/// </summary>
public static class ImportCli
{
    public const string Usage = "usage: import FILE --region REGION [--title T] [--doc-number N] [--issuer I] [--issued-on YYYY-MM-DD] [--kind K]";

    private static readonly JsonSerializerOptions Indented = new(ImportDrafts.Json) { WriteIndented = true };

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        string? file = null;
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                if (i + 1 >= args.Count)
                {
                    error.WriteLine($"{args[i]} needs a value.\n{Usage}");
                    return 2;
                }

                options[args[i][2..]] = args[++i];
            }
            else if (file is null)
            {
                file = args[i];
            }
            else
            {
                error.WriteLine($"Unexpected argument '{args[i]}'.\n{Usage}");
                return 2;
            }
        }

        var unknown = options.Keys.Except(["region", "title", "doc-number", "issuer", "issued-on", "kind"]).ToList();
        if (file is null || !options.TryGetValue("region", out var region) || unknown.Count > 0)
        {
            error.WriteLine((unknown.Count > 0 ? $"Unknown option --{unknown[0]}.\n" : string.Empty) + Usage);
            return 2;
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            error.WriteLine(e is DecoderFallbackException ? $"{file} is not UTF-8 text." : $"Cannot read {file}: {e.Message}");
            return 1;
        }

        var draft = PolicyTextParser.Parse(text, region);
        DateOnly? issuedOn = null;
        if (options.TryGetValue("issued-on", out var date))
        {
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", out var parsed))
            {
                error.WriteLine("--issued-on takes a date as YYYY-MM-DD.");
                return 2;
            }

            issuedOn = parsed;
        }

        PolicyApi.Domain.Documents.DocumentKind? kind = null;
        if (options.TryGetValue("kind", out var kindText))
        {
            if (!Enum.TryParse<PolicyApi.Domain.Documents.DocumentKind>(kindText, ignoreCase: true, out var parsedKind) || kindText.Any(char.IsDigit))
            {
                error.WriteLine("--kind takes measures, implementationOpinions, workPlan, constructionPlan or other.");
                return 2;
            }

            kind = parsedKind;
        }

        draft = draft with
        {
            Title = options.GetValueOrDefault("title") ?? draft.Title,
            DocNumber = options.GetValueOrDefault("doc-number") ?? draft.DocNumber,
            Issuer = options.GetValueOrDefault("issuer") ?? draft.Issuer,
            IssuedOn = issuedOn ?? draft.IssuedOn,
            Kind = kind ?? draft.Kind,
        };
        output.WriteLine(JsonSerializer.Serialize(draft, Indented));
        if (draft.Measures.Count == 0)
        {
            error.WriteLine("No measures were recognised in the text.");
            return 1;
        }

        return 0;
    }
}
