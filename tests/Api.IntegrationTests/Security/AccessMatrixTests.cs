using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PolicyApi.Api.IntegrationTests.Support;
using PolicyApi.Api.Security;

namespace PolicyApi.Api.IntegrationTests.Security;

/// <summary>
/// Every endpoint the application maps, called by every kind of caller. The expected access is written
/// here, independently of the application's own rule table: an endpoint added without an entry here fails
/// this test, and so does any endpoint whose answer to a role differs from what is written.
/// </summary>
public sealed partial class AccessMatrixTests(ApiFixture fixture) : ApiTest(fixture)
{
    private const string Admin = "administrator";
    private const string Super = "supervisor";
    private const string Reporter = "reporter";
    private const string Reader = "reader";
    private const string SystemAll = "system(all scopes)";
    private const string SystemNone = "system(no scopes)";

    private static readonly string[] ReadAll = [Admin, Super, Reporter, Reader, SystemAll];
    private static readonly string[] Registry = [Admin, SystemAll];
    private static readonly string[] Supervision = [Admin, Super, Reader, SystemAll];

    /// <summary>Who may call each operation (roles; "system(all scopes)" has every scope).</summary>
    private static readonly Dictionary<string, string[]> Expected = new(StringComparer.Ordinal)
    {
        ["ListDocuments"] = ReadAll, ["GetDocument"] = ReadAll, ["CreateDocument"] = Registry, ["UpdateDocument"] = Registry, ["DeleteDocument"] = Registry,
        ["ListChapters"] = ReadAll, ["GetChapter"] = ReadAll, ["CreateChapter"] = Registry, ["UpdateChapter"] = Registry, ["DeleteChapter"] = Registry,
        ["ListDocumentMeasures"] = ReadAll, ["CreateMeasure"] = Registry, ["ListMeasures"] = ReadAll, ["GetMeasure"] = ReadAll,
        ["UpdateMeasure"] = Registry, ["DeleteMeasure"] = Registry,
        ["ListAssignments"] = ReadAll, ["GetAssignment"] = ReadAll, ["AssignUnit"] = Registry, ["ChangeAssignmentRole"] = Registry, ["RemoveAssignment"] = Registry,
        ["ListUnits"] = ReadAll, ["GetUnit"] = ReadAll, ["RegisterUnit"] = Registry, ["UpdateUnit"] = Registry, ["DeleteUnit"] = Registry,
        ["ListTargets"] = ReadAll, ["GetTarget"] = ReadAll, ["SetTarget"] = Registry, ["ReviseTarget"] = Registry, ["RemoveTarget"] = Registry,
        ["GetAllocations"] = ReadAll, ["AllocateTarget"] = Registry, ["GetTaskTable"] = ReadAll,
        ["CreateImport"] = Registry, ["CreateImportFromText"] = Registry, ["GetImport"] = Registry, ["CommitImport"] = Registry,
        ["ListReports"] = ReadAll, ["GetReport"] = ReadAll, ["GetReportHistory"] = ReadAll,
        ["FileReport"] = [Reporter, SystemAll], ["EditReport"] = [Reporter, SystemAll], ["SubmitReport"] = [Reporter, SystemAll],
        ["AcceptReport"] = [Super], ["ReturnReport"] = [Super],
        ["ListDue"] = ReadAll, ["ListOverdue"] = ReadAll,
        ["GetAttainment"] = Supervision, ["GetRankings"] = Supervision, ["GetBulletin"] = Supervision,
        ["ListAudit"] = [Admin, Super], ["VerifyAudit"] = [Admin, Super],
    };

    private static readonly Guid ReporterUnit = Guid.NewGuid();

    private static readonly Dictionary<string, string?> TokenOf = new(StringComparer.Ordinal)
    {
        [Admin] = Tokens.For(Roles.Administrator, subject: "matrix-admin"),
        [Super] = Tokens.For(Roles.Supervisor, subject: "matrix-supervisor"),
        [Reporter] = Tokens.For(Roles.Reporter, ReporterUnit, subject: "matrix-reporter"),
        [Reader] = Tokens.For(Roles.Reader, subject: "matrix-reader"),
        [SystemAll] = Tokens.For(Roles.System, subject: "matrix-system", scopes: Scopes.All),
        [SystemNone] = Tokens.For(Roles.System, subject: "matrix-system-bare", scopes: []),
    };

    private sealed record Operation(string Name, string Method, string Route);

    private List<Operation> MappedOperations() =>
        Fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => new Operation(e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? e.RoutePattern.RawText!, m, e.RoutePattern.RawText!)))
            .ToList();

    [Fact]
    public void EveryMappedEndpoint_HasAnExpectedAccessRule()
    {
        var operations = MappedOperations();
        Assert.True(operations.Count >= 50, $"Only {operations.Count} endpoints found.");
        var missing = operations.Where(o => !Expected.ContainsKey(o.Name)).Select(o => $"{o.Method} {o.Route} ({o.Name})").ToList();
        Assert.True(missing.Count == 0, "Endpoints without an expected access rule:\n" + string.Join('\n', missing));
        var gone = Expected.Keys.Except(operations.Select(o => o.Name)).ToList();
        Assert.True(gone.Count == 0, "Rules for endpoints that no longer exist: " + string.Join(", ", gone));
    }

    [Fact]
    public async Task EveryEndpoint_AnswersEachRoleAsTheMatrixSays()
    {
        var failures = new List<string>();
        foreach (var operation in MappedOperations())
        {
            var allowed = Expected[operation.Name];
            var url = RouteParameter().Replace(operation.Route, _ => Guid.NewGuid().ToString());
            foreach (var (caller, token) in TokenOf.Append(new("anonymous", null)))
            {
                using var request = new HttpRequestMessage(new HttpMethod(operation.Method), url);
                if (token is not null)
                {
                    request.Headers.Authorization = Tokens.Bearer(token);
                }

                if (operation.Method is "POST" or "PUT")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }

                using var response = await Anonymous.SendAsync(request);
                var status = (int)response.StatusCode;
                var expected = token is null ? "401" : allowed.Contains(caller) ? "not 401/403" : "403";
                var ok = token is null ? status == 401 : allowed.Contains(caller) ? status is not (401 or 403) : status == 403;
                if (!ok)
                {
                    failures.Add($"{operation.Method} {operation.Route} ({operation.Name}) as {caller}: {status}, expected {expected}");
                }

                if (token is null)
                {
                    Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task HealthChecksAndTheOpenApiDocument_NeedNoToken()
    {
        using var live = await Anonymous.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        using var openApi = await Anonymous.GetAsync("/swagger/v1/swagger.json");
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        var document = await openApi.Content.ReadAsStringAsync();
        Assert.Contains("\"bearer\"", document, StringComparison.Ordinal);
        Assert.Contains("Access: roles supervisor.", document, StringComparison.Ordinal);
        Assert.Contains("工作目标7000万美元", document, StringComparison.Ordinal); // the import examples come from the Fangchenggang seed
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
