using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace PolicyApi.Api.Security;

/// <summary>The roles a token carries in its <c>role</c> claim.</summary>
public static class Roles
{
    /// <summary>Keeps the registry: documents, measures, units, targets, imports.</summary>
    public const string Administrator = "administrator";

    /// <summary>Reviews reports (accept, return), reads bulletins and rankings; files no reports.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>Bound to one unit by the <c>unit_id</c> claim: files and edits that unit's reports.</summary>
    public const string Reporter = "reporter";

    /// <summary>Reads everything, writes nothing.</summary>
    public const string Reader = "reader";

    /// <summary>A machine client; what it may do is given by the scopes in its <c>scope</c> claim.</summary>
    public const string System = "system";

    public static readonly string[] All = [Administrator, Supervisor, Reporter, Reader, System];
}

/// <summary>Scopes a system client's token may carry (space-separated in <c>scope</c>).</summary>
public static class Scopes
{
    public const string MeasuresRead = "measures.read";
    public const string RegistryWrite = "registry.write";
    public const string ReportsRead = "reports.read";
    public const string ReportsWrite = "reports.write";
    public const string SupervisionRead = "supervision.read";

    /// <summary>Manage the client's own webhook subscriptions.</summary>
    public const string WebhooksManage = "webhooks.manage";

    public static readonly string[] All = [MeasuresRead, RegistryWrite, ReportsRead, ReportsWrite, SupervisionRead, WebhooksManage];
}

/// <summary>The authorization policies; every endpoint names exactly one (see <see cref="AccessRules"/>).</summary>
public static class Policies
{
    public const string RegistryRead = "registry.read";
    public const string RegistryWrite = "registry.write";
    public const string ReportsRead = "reports.read";
    public const string ReportsWrite = "reports.write";
    public const string ReportsReview = "reports.review";
    public const string SupervisionRead = "supervision.read";
    public const string ReportingDuties = "reporting.duties";
    public const string AuditRead = "audit.read";
    public const string ChangesRead = "changes.read";
    public const string WebhooksManage = "webhooks.manage";

    /// <summary>Who each policy admits: roles, and the scopes that admit a system client.</summary>
    public static readonly IReadOnlyDictionary<string, (string[] Roles, string[] Scopes)> Rules = new Dictionary<string, (string[], string[])>
    {
        [RegistryRead] = ([Roles.Administrator, Roles.Supervisor, Roles.Reader, Roles.Reporter], [Scopes.MeasuresRead]),
        [RegistryWrite] = ([Roles.Administrator], [Scopes.RegistryWrite]),
        [ReportsRead] = ([Roles.Administrator, Roles.Supervisor, Roles.Reader, Roles.Reporter], [Scopes.ReportsRead, Scopes.ReportsWrite]),
        [ReportsWrite] = ([Roles.Reporter], [Scopes.ReportsWrite]),
        [ReportsReview] = ([Roles.Supervisor], []),
        [SupervisionRead] = ([Roles.Administrator, Roles.Supervisor, Roles.Reader], [Scopes.SupervisionRead]),
        [ReportingDuties] = ([Roles.Administrator, Roles.Supervisor, Roles.Reader, Roles.Reporter], [Scopes.SupervisionRead, Scopes.ReportsWrite]),
        [AuditRead] = ([Roles.Administrator, Roles.Supervisor], []),

        // The feed carries registry and report changes; each item is shown only to a caller who may read its kind.
        [ChangesRead] = ([Roles.Administrator, Roles.Supervisor, Roles.Reader, Roles.Reporter], [Scopes.MeasuresRead, Scopes.ReportsRead, Scopes.ReportsWrite]),

        // Administrators manage every subscription; a system client only its own (WebhookSubscriptions.Visible).
        [WebhooksManage] = ([Roles.Administrator], [Scopes.WebhooksManage]),
    };

    public static void Add(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (name, (roles, scopes)) in Rules)
        {
            options.AddPolicy(name, policy => policy.RequireAuthenticatedUser().RequireAssertion(context => Admits(context.User, roles, scopes)));
        }

        // An endpoint that names no policy still needs a signed-in caller.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }

    /// <summary>Whether <paramref name="caller"/> is admitted by the named policy (for what a handler shows, item by item).</summary>
    public static bool Admits(Caller? caller, string policy)
    {
        if (caller is null)
        {
            return false;
        }

        var (roles, scopes) = Rules[policy];
        return roles.Any(caller.Holds) || (caller.Holds(Roles.System) && scopes.Any(s => caller.Scopes.Contains(s, StringComparer.Ordinal)));
    }

    public static bool Admits(ClaimsPrincipal user, string[] roles, string[] scopes)
    {
        ArgumentNullException.ThrowIfNull(user);
        var held = user.FindAll(Claims.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        if (roles.Any(held.Contains))
        {
            return true;
        }

        if (!held.Contains(Roles.System))
        {
            return false;
        }

        var granted = user.FindAll(Claims.Scope).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);
        return scopes.Any(granted.Contains);
    }
}

/// <summary>Claim names as the tokens carry them (no mapping to the long WS-* names).</summary>
public static class Claims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Scope = "scope";
    public const string Unit = "unit_id";
    public const string Client = "client_id";
}

/// <summary>Which policy guards each operation. An operation missing here stops the application from starting.</summary>
public static class AccessRules
{
    public static readonly IReadOnlyDictionary<string, string> ByOperation = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ListDocuments"] = Policies.RegistryRead,
        ["GetDocument"] = Policies.RegistryRead,
        ["CreateDocument"] = Policies.RegistryWrite,
        ["UpdateDocument"] = Policies.RegistryWrite,
        ["DeleteDocument"] = Policies.RegistryWrite,
        ["ListChapters"] = Policies.RegistryRead,
        ["GetChapter"] = Policies.RegistryRead,
        ["CreateChapter"] = Policies.RegistryWrite,
        ["UpdateChapter"] = Policies.RegistryWrite,
        ["DeleteChapter"] = Policies.RegistryWrite,
        ["ListDocumentMeasures"] = Policies.RegistryRead,
        ["CreateMeasure"] = Policies.RegistryWrite,
        ["ListMeasures"] = Policies.RegistryRead,
        ["GetMeasure"] = Policies.RegistryRead,
        ["UpdateMeasure"] = Policies.RegistryWrite,
        ["DeleteMeasure"] = Policies.RegistryWrite,
        ["ListAssignments"] = Policies.RegistryRead,
        ["GetAssignment"] = Policies.RegistryRead,
        ["AssignUnit"] = Policies.RegistryWrite,
        ["ChangeAssignmentRole"] = Policies.RegistryWrite,
        ["RemoveAssignment"] = Policies.RegistryWrite,
        ["ListUnits"] = Policies.RegistryRead,
        ["GetUnit"] = Policies.RegistryRead,
        ["RegisterUnit"] = Policies.RegistryWrite,
        ["UpdateUnit"] = Policies.RegistryWrite,
        ["DeleteUnit"] = Policies.RegistryWrite,
        ["ListTargets"] = Policies.RegistryRead,
        ["GetTarget"] = Policies.RegistryRead,
        ["SetTarget"] = Policies.RegistryWrite,
        ["ReviseTarget"] = Policies.RegistryWrite,
        ["RemoveTarget"] = Policies.RegistryWrite,
        ["GetAllocations"] = Policies.RegistryRead,
        ["AllocateTarget"] = Policies.RegistryWrite,
        ["GetTaskTable"] = Policies.RegistryRead,
        ["CreateImport"] = Policies.RegistryWrite,
        ["CreateImportFromText"] = Policies.RegistryWrite,
        ["GetImport"] = Policies.RegistryWrite,
        ["CommitImport"] = Policies.RegistryWrite,
        ["ReviseImportDraft"] = Policies.RegistryWrite,
        ["ListReports"] = Policies.ReportsRead,
        ["GetReport"] = Policies.ReportsRead,
        ["GetReportHistory"] = Policies.ReportsRead,
        ["FileReport"] = Policies.ReportsWrite,
        ["EditReport"] = Policies.ReportsWrite,
        ["DeleteReport"] = Policies.ReportsWrite,
        ["CorrectReport"] = Policies.ReportsWrite,
        ["AcceptCorrection"] = Policies.ReportsReview,
        ["RejectCorrection"] = Policies.ReportsReview,
        ["AttachEvidence"] = Policies.ReportsWrite,
        ["RemoveEvidence"] = Policies.ReportsWrite,
        ["ListEvidence"] = Policies.ReportsRead,
        ["DownloadEvidence"] = Policies.ReportsRead,
        ["SubmitReport"] = Policies.ReportsWrite,
        ["AcceptReport"] = Policies.ReportsReview,
        ["ReturnReport"] = Policies.ReportsReview,
        ["ListDue"] = Policies.ReportingDuties,
        ["ListOverdue"] = Policies.ReportingDuties,
        ["GetMyDuties"] = Policies.ReportsWrite,
        ["GetAttainment"] = Policies.SupervisionRead,
        ["GetRankings"] = Policies.SupervisionRead,
        ["GetBulletin"] = Policies.SupervisionRead,
        ["ListAudit"] = Policies.AuditRead,
        ["VerifyAudit"] = Policies.AuditRead,
        ["TakeAuditCheckpoint"] = Policies.AuditRead,
        ["ListChanges"] = Policies.ChangesRead,
        ["ListWebhooks"] = Policies.WebhooksManage,
        ["CreateWebhook"] = Policies.WebhooksManage,
        ["GetWebhook"] = Policies.WebhooksManage,
        ["DeleteWebhook"] = Policies.WebhooksManage,
        ["ListWebhookDeliveries"] = Policies.WebhooksManage,
        ["ResendWebhookDelivery"] = Policies.WebhooksManage,
    };

    /// <summary>Adds each /api/v1 operation's policy; an operation without a rule is a startup error.</summary>
    public static TBuilder WithAccessRules<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(endpoint =>
        {
            var name = endpoint.OperationName()
                ?? throw new InvalidOperationException($"Endpoint {endpoint.DisplayName} has no operation name, so no access rule can apply to it.");
            if (!ByOperation.TryGetValue(name, out var policy))
            {
                throw new InvalidOperationException($"Operation {name} has no access rule: add it to {nameof(AccessRules)}.{nameof(ByOperation)}.");
            }

            endpoint.Metadata.Add(new AuthorizeAttribute(policy));
        });
        return builder;
    }
}
