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
public sealed partial class AccessMatrixTests(ApiFixture fixture) : RegistryTest(fixture)
{
    private const string Admin = "administrator";
    private const string Super = "supervisor";
    private const string Reporter = "reporter";
    private const string Reader = "reader";
    private const string SystemAll = "system(all scopes)";
    private const string SystemCatalog = "system(measures.read)";

    private static readonly string[] ReadAll = [Admin, Super, Reporter, Reader, SystemAll];
    private static readonly string[] Catalog = [.. ReadAll, SystemCatalog];
    private static readonly string[] Registry = [Admin, SystemAll];
    private static readonly string[] Supervision = [Admin, Super, Reader, SystemAll];

    /// <summary>Who may call each operation (roles; "system(all scopes)" has every scope).</summary>
    private static readonly Dictionary<string, string[]> Expected = new(StringComparer.Ordinal)
    {
        ["ListDocuments"] = Catalog, ["GetDocument"] = Catalog, ["CreateDocument"] = Registry, ["UpdateDocument"] = Registry, ["DeleteDocument"] = Registry,
        ["ListChapters"] = Catalog, ["GetChapter"] = Catalog, ["CreateChapter"] = Registry, ["UpdateChapter"] = Registry, ["DeleteChapter"] = Registry,
        ["ListDocumentMeasures"] = Catalog, ["CreateMeasure"] = Registry, ["ListMeasures"] = Catalog, ["GetMeasure"] = Catalog,
        ["UpdateMeasure"] = Registry, ["DeleteMeasure"] = Registry,
        ["ListAssignments"] = Catalog, ["GetAssignment"] = Catalog, ["AssignUnit"] = Registry, ["ChangeAssignmentRole"] = Registry, ["RemoveAssignment"] = Registry,
        ["ListUnits"] = Catalog, ["GetUnit"] = Catalog, ["RegisterUnit"] = Registry, ["UpdateUnit"] = Registry, ["DeleteUnit"] = Registry,
        ["ListTargets"] = Catalog, ["GetTarget"] = Catalog, ["SetTarget"] = Registry, ["ReviseTarget"] = Registry, ["RemoveTarget"] = Registry,
        ["GetAllocations"] = Catalog, ["AllocateTarget"] = Registry, ["GetTaskTable"] = Catalog,
        ["CreateImport"] = Registry, ["CreateImportFromText"] = Registry, ["GetImport"] = Registry, ["CommitImport"] = Registry, ["ReviseImportDraft"] = Registry,
        ["ListReports"] = ReadAll, ["GetReport"] = ReadAll, ["GetReportHistory"] = ReadAll,
        ["FileReport"] = [Reporter, SystemAll], ["EditReport"] = [Reporter, SystemAll], ["DeleteReport"] = [Reporter, SystemAll],
        ["AttachEvidence"] = [Reporter, SystemAll], ["RemoveEvidence"] = [Reporter, SystemAll], ["ListEvidence"] = ReadAll, ["DownloadEvidence"] = ReadAll, ["SubmitReport"] = [Reporter, SystemAll],
        ["AcceptReport"] = [Super], ["ReturnReport"] = [Super],
        ["CorrectReport"] = [Reporter, SystemAll], ["AcceptCorrection"] = [Super], ["RejectCorrection"] = [Super],
        ["ListDue"] = ReadAll, ["ListOverdue"] = ReadAll, ["GetMyDuties"] = [Reporter],
        ["GetAttainment"] = Supervision, ["GetRankings"] = Supervision, ["GetBulletin"] = Supervision,
        ["ListAudit"] = [Admin, Super], ["VerifyAudit"] = [Admin, Super], ["TakeAuditCheckpoint"] = [Admin, Super],
        ["ListChanges"] = Catalog,
        ["ListWebhooks"] = Registry, ["CreateWebhook"] = Registry, ["GetWebhook"] = Registry, ["DeleteWebhook"] = Registry,
        ["ListWebhookDeliveries"] = Registry, ["ResendWebhookDelivery"] = Registry,
    };

    /// <summary>One token per kind of caller; the reporter is bound to a registered unit.</summary>
    private static Dictionary<string, string?> TokensFor(Guid reporterUnit) => new(StringComparer.Ordinal)
    {
        [Admin] = Tokens.For(Roles.Administrator, subject: "matrix-admin"),
        [Super] = Tokens.For(Roles.Supervisor, subject: "matrix-supervisor"),
        [Reporter] = Tokens.For(Roles.Reporter, reporterUnit, subject: "matrix-reporter"),
        [Reader] = Tokens.For(Roles.Reader, subject: "matrix-reader"),
        [SystemAll] = Tokens.For(Roles.System, subject: "matrix-system", scopes: Scopes.All),
        [SystemCatalog] = Tokens.For(Roles.System, subject: "matrix-system-catalog", scopes: [Scopes.MeasuresRead]),
    };

    /// <summary>
    /// Validly signed tokens that lack a claim their role needs, or carry it garbled: each must be refused at the
    /// door (401 naming the claim) by every endpoint, whatever the route would otherwise allow.
    /// </summary>
    private static Dictionary<string, (string Token, string Claim)> Incomplete(Guid registeredUnit) => new(StringComparer.Ordinal)
    {
        ["reporter without unit_id"] = (Tokens.WithClaims(new() { ["sub"] = "x", ["role"] = Roles.Reporter }), "unit_id"),
        ["reporter with unit_id not-a-guid"] = (Tokens.WithClaims(new() { ["sub"] = "x", ["role"] = Roles.Reporter, ["unit_id"] = "not-a-guid" }), "unit_id"),
        ["reporter with an empty unit_id"] = (Tokens.WithClaims(new() { ["sub"] = "x", ["role"] = Roles.Reporter, ["unit_id"] = "" }), "unit_id"),
        ["reporter with the nil uuid"] = (Tokens.WithClaims(new() { ["sub"] = "x", ["role"] = Roles.Reporter, ["unit_id"] = Guid.Empty.ToString() }), "unit_id"),
        ["reporter of an unregistered unit"] = (Tokens.WithClaims(new() { ["sub"] = "x", ["role"] = Roles.Reporter, ["unit_id"] = Guid.NewGuid().ToString() }), "unit_id"),
        ["reporter with two unit_id claims"] = (Tokens.WithClaims(new() { ["sub"] = "x", ["role"] = Roles.Reporter, ["unit_id"] = new[] { registeredUnit.ToString(), Guid.NewGuid().ToString() } }), "unit_id"),
        ["reporter and supervisor without unit_id"] = (Tokens.WithClaims(new() { ["sub"] = "x", ["role"] = new[] { Roles.Supervisor, Roles.Reporter } }), "unit_id"),
        ["system without scope"] = (Tokens.WithClaims(new() { ["sub"] = "x", ["role"] = Roles.System }), "scope"),
        ["system with only unknown scopes"] = (Tokens.WithClaims(new() { ["sub"] = "x", ["role"] = Roles.System, ["scope"] = "admin root *" }), "scope"),
        ["administrator without sub"] = (Tokens.WithClaims(new() { ["role"] = Roles.Administrator }), "sub"),
        ["administrator with an empty sub"] = (Tokens.WithClaims(new() { ["sub"] = " ", ["role"] = Roles.Administrator }), "sub"),
        ["administrator with a control character in sub"] = (Tokens.WithClaims(new() { ["sub"] = "admin\u0000", ["role"] = Roles.Administrator }), "sub"),
        ["no role"] = (Tokens.WithClaims(new() { ["sub"] = "x" }), "role"),
        ["an unknown role"] = (Tokens.WithClaims(new() { ["sub"] = "x", ["role"] = "root" }), "role"),
        ["a role in another case"] = (Tokens.WithClaims(new() { ["sub"] = "x", ["role"] = "Administrator" }), "role"),
        ["an empty role list"] = (Tokens.WithClaims(new() { ["sub"] = "x", ["role"] = Array.Empty<string>() }), "role"),
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
        var reporterUnit = Guid.Parse(Id(await RegisterUnit(Lianyungang, "市商务局")));
        foreach (var operation in MappedOperations())
        {
            var allowed = Expected[operation.Name];
            var url = RouteParameter().Replace(operation.Route, _ => Guid.NewGuid().ToString());
            foreach (var (caller, token) in TokensFor(reporterUnit).Append(new("anonymous", null)))
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
    public async Task EveryEndpoint_RefusesEachTokenThatLacksAClaimItsRoleNeeds_With401NamingTheClaim()
    {
        var failures = new List<string>();
        var registered = Guid.Parse(Id(await RegisterUnit(Lianyungang, "市商务局")));
        var before = await InDatabase(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Units));
        foreach (var operation in MappedOperations())
        {
            var url = RouteParameter().Replace(operation.Route, _ => registered.ToString());
            foreach (var (why, (token, claim)) in Incomplete(registered))
            {
                using var request = new HttpRequestMessage(new HttpMethod(operation.Method), url);
                request.Headers.Authorization = Tokens.Bearer(token);
                if (operation.Method is "POST" or "PUT")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }

                using var response = await Anonymous.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.Unauthorized)
                {
                    failures.Add($"{operation.Method} {operation.Route} with {why}: {(int)response.StatusCode}, expected 401");
                }
                else if (!text.Contains($"\"claim\":\"{claim}\"", StringComparison.Ordinal) || !response.Headers.WwwAuthenticate.ToString().Contains("invalid_token", StringComparison.Ordinal))
                {
                    failures.Add($"{operation.Method} {operation.Route} with {why}: the 401 does not name the claim {claim}: {text}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(40)));
        Assert.Equal(before, await InDatabase(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Units)));
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
