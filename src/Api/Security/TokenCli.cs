using Microsoft.Extensions.Options;

namespace PolicyApi.Api.Security;

/// <summary>
/// <c>dotnet PolicyApi.Api.dll token ROLE [UNIT_ID] [--subject S] [--scopes "a b"]</c>: mints a development
/// token with the configured development signing key and prints it alone on the last line.
/// </summary>
public static class TokenCli
{
    public const string Usage = "usage: token ROLE [UNIT_ID] [--subject SUBJECT] [--scopes \"measures.read reports.write\"]  (ROLE: administrator, supervisor, reporter, reader, system)";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var positional = new List<string>();
        string? subject = null;
        string[]? scopes = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--subject" when i + 1 < args.Count:
                    subject = args[++i];
                    break;
                case "--scopes" when i + 1 < args.Count:
                    scopes = args[++i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    break;
                default:
                    positional.Add(args[i]);
                    break;
            }
        }

        if (positional.Count is < 1 or > 2 || !positional[0].Split(',').All(r => Roles.All.Contains(r)))
        {
            error.WriteLine(Usage);
            return 2;
        }

        Guid? unit = null;
        if (positional.Count == 2)
        {
            if (!Guid.TryParse(positional[1], out var parsed))
            {
                error.WriteLine($"'{positional[1]}' is not a unit id (a UUID).");
                return 2;
            }

            unit = parsed;
        }

        if (positional[0].Split(',').Contains(Roles.Reporter) && unit is null)
        {
            error.WriteLine("A reporter token is bound to one unit: give its UNIT_ID.");
            return 2;
        }

        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Development";
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (options.SigningKey is null)
        {
            error.WriteLine("No Auth:SigningKey is configured (development tokens need the development key).");
            return 1;
        }

        var token = Authentication.MintDevelopmentToken(options, positional[0], unit, subject, scopes, DateTimeOffset.UtcNow);
        error.WriteLine($"{positional[0]} token{(unit is null ? string.Empty : $" for unit {unit}")}, valid {options.DevTokenLifetime.TotalHours:0} h; use it as: Authorization: Bearer <token>");
        output.WriteLine(token);
        return 0;
    }
}
