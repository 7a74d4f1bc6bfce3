namespace PolicyApi.Api.Features;

/// <summary>The services use cases share: lookups of what they load, the attainment board, imports.</summary>
public static class FeatureServices
{
    public static IServiceCollection AddFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<DocumentLoader>();
        services.AddScoped<DocumentNumbers>();
        services.AddScoped<UnitRegistry>();
        services.AddScoped<UnitNameLookup>();
        services.AddScoped<TargetReferences>();
        services.AddScoped<ReportSubjects>();
        services.AddScoped<AttainmentService>();
        services.AddScoped<AttainmentBoard>();
        services.AddScoped<ImportUnitResolver>();
        services.AddScoped<Webhooks.WebhookSubscriptions>();
        services.AddScoped<TargetStatusWatch>();
        services.AddHostedService<TargetStatusWatchService>();
        services.AddOptions<ImportOptions>().Bind(configuration.GetSection("Import"));
        services.AddOptions<AttachmentOptions>().Bind(configuration.GetSection(AttachmentOptions.Section));
        services.AddOptions<DemoDataOptions>().Bind(configuration.GetSection(DemoDataOptions.Section));
        services.AddHostedService<DemoDataLoader>();
        return services;
    }
}

/// <summary>
/// The route table: each area's route group and the use cases mapped in it. The order is the order of the
/// OpenAPI document's paths.
/// </summary>
public static class FeatureRoutes
{
    public static IEndpointRouteBuilder MapFeatures(this IEndpointRouteBuilder api)
    {
        var documents = api.MapGroup("/api/v1/documents").WithTags("Documents");
        ListDocumentsEndpoint.Map(documents);
        CreateDocumentEndpoint.Map(documents);
        GetDocumentEndpoint.Map(documents);
        UpdateDocumentEndpoint.Map(documents);
        DeleteDocumentEndpoint.Map(documents);
        GetTaskTableEndpoint.Map(documents);

        var chapters = api.MapGroup("/api/v1/documents/{documentId}/chapters").WithTags("Chapters");
        ListChaptersEndpoint.Map(chapters);
        CreateChapterEndpoint.Map(chapters);
        GetChapterEndpoint.Map(chapters);
        UpdateChapterEndpoint.Map(chapters);
        DeleteChapterEndpoint.Map(chapters);

        // Measures are listed and added under their document, read and changed at /api/v1/measures.
        var documentMeasures = api.MapGroup("/api/v1/documents/{documentId}/measures").WithTags("Measures");
        ListMeasuresEndpoint.MapForDocument(documentMeasures);
        CreateMeasureEndpoint.Map(documentMeasures);
        var measures = api.MapGroup("/api/v1/measures").WithTags("Measures");
        ListMeasuresEndpoint.Map(measures);
        GetMeasureEndpoint.Map(measures);
        UpdateMeasureEndpoint.Map(measures);
        DeleteMeasureEndpoint.Map(measures);

        var assignments = api.MapGroup("/api/v1/measures/{measureId}/assignments").WithTags("Assignments");
        ListAssignmentsEndpoint.Map(assignments);
        AssignUnitEndpoint.Map(assignments);
        GetAssignmentEndpoint.Map(assignments);
        ChangeAssignmentRoleEndpoint.Map(assignments);
        RemoveAssignmentEndpoint.Map(assignments);

        var units = api.MapGroup("/api/v1/units").WithTags("Units");
        ListUnitsEndpoint.Map(units);
        RegisterUnitEndpoint.Map(units);
        GetUnitEndpoint.Map(units);
        UpdateUnitEndpoint.Map(units);
        DeleteUnitEndpoint.Map(units);

        // Targets are set under their document, read, revised, split and measured at /api/v1/targets.
        SetTargetEndpoint.Map(api);
        var targets = api.MapGroup("/api/v1/targets").WithTags("Targets");
        ListTargetsEndpoint.Map(targets);
        GetTargetEndpoint.Map(targets);
        ReviseTargetEndpoint.Map(targets);
        RemoveTargetEndpoint.Map(targets);
        GetAllocationsEndpoint.Map(targets);
        AllocateTargetEndpoint.Map(targets);
        GetAttainmentEndpoint.Map(targets);

        var reports = api.MapGroup("/api/v1/progress-reports").WithTags("Progress reports");
        ListReportsEndpoint.Map(reports);
        FileReportEndpoint.Map(reports);
        GetReportEndpoint.Map(reports);
        EditReportEndpoint.Map(reports);
        DeleteReportEndpoint.Map(reports);
        ReviewReportEndpoint.Map(reports);
        CorrectReportEndpoint.Map(reports);
        GetReportHistoryEndpoint.Map(reports);
        AttachEvidenceEndpoint.Map(reports);
        ListEvidenceEndpoint.Map(reports);
        DownloadEvidenceEndpoint.Map(reports);
        RemoveEvidenceEndpoint.Map(reports);

        // What is due and overdue, rankings (/api/v1/supervision) and bulletins (/api/v1/bulletins).
        var supervision = api.MapGroup("/api/v1/supervision").WithTags("Supervision");
        ListObligationsEndpoint.Map(supervision);
        GetRankingsEndpoint.Map(supervision);
        GetBulletinEndpoint.Map(api);
        GetMyDutiesEndpoint.Map(api);

        // From a document's text to a committed record.
        var imports = api.MapGroup("/api/v1/imports").WithTags("Imports");
        CreateImportEndpoint.Map(imports);
        GetImportEndpoint.Map(imports);
        CommitImportEndpoint.Map(imports);
        ReviseImportDraftEndpoint.Map(imports);

        var audit = api.MapGroup("/api/v1/audit").WithTags("Audit");
        ListAuditEndpoint.Map(audit);
        VerifyAuditEndpoint.Map(audit);
        TakeAuditCheckpointEndpoint.Map(audit);

        // Webhook subscriptions and their deliveries: another system told when something happens.
        var webhooks = api.MapGroup("/api/v1/webhooks").WithTags("Webhooks");
        Webhooks.ListWebhooksEndpoint.Map(webhooks);
        Webhooks.CreateWebhookEndpoint.Map(webhooks);
        Webhooks.GetWebhookEndpoint.Map(webhooks);
        Webhooks.DeleteWebhookEndpoint.Map(webhooks);
        Webhooks.ListWebhookDeliveriesEndpoint.Map(webhooks);
        Webhooks.ResendWebhookDeliveryEndpoint.Map(webhooks);

        // The change feed a phone or another system follows to stay in step.
        var changes = api.MapGroup("/api/v1/changes").WithTags("Changes");
        ListChangesEndpoint.Map(changes);

        return api;
    }
}
