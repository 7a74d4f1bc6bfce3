using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using PolicyApi.Infrastructure.Idempotency;
using PolicyApi.Infrastructure.Persistence;
using PolicyApi.Infrastructure.Startup;

namespace PolicyApi.Infrastructure;

public static class DependencyInjection
{
    public const string ConnectionStringName = "Policy";

    public static IServiceCollection AddPolicyInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException(
                $"No connection string '{ConnectionStringName}'. Set ConnectionStrings__{ConnectionStringName}, or start the service with scripts/run.sh.");

        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section));
        services.AddOptions<QueryBudgetOptions>().Bind(configuration.GetSection(QueryBudgetOptions.Section));
        services.TryAddSingleton<IQueryClassSource, BackgroundQueryClass>();
        services.AddSingleton<QueryBudget>();
        services.AddSingleton<QueryBudgetInterceptor>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TimestampInterceptor>();
        services.TryAddSingleton<Auditing.IAuditContext, Auditing.ProcessAuditContext>();
        services.AddOptions<Auditing.AuditOptions>().Bind(configuration.GetSection(Auditing.AuditOptions.Section));
        services.AddSingleton<Auditing.AuditSeal>();
        services.AddSingleton<Auditing.AuditInterceptor>();
        services.AddScoped<Auditing.AuditLog>();
        services.AddSingleton<Auditing.AuditCheckpoints>();
        services.AddHttpClient(Auditing.AuditCheckpoints.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        var budgets = configuration.GetSection(QueryBudgetOptions.Section).Get<QueryBudgetOptions>() ?? new QueryBudgetOptions();
        var serviceConnection = ConnectionSettings.Apply(connectionString, budgets);
        // Contexts are pooled and their options built once (everything they hold is a singleton): a context made per
        // request cost each hot read a fresh options object, a lookup of EF's internal services by it and a search of
        // the assembly for a compiled model — about a third of its CPU. A pooled context is reset on return.
        services.AddDbContextPool<PolicyDbContext>((sp, options) => options
            .UseNpgsql(serviceConnection, npgsql => npgsql
                .MigrationsHistoryTable("__ef_migrations_history", PolicyDbContext.Schema)
                .ExecutionStrategy(dependencies => new BriefRetryStrategy(dependencies)))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(
                sp.GetRequiredService<TimestampInterceptor>(),
                sp.GetRequiredService<Auditing.AuditInterceptor>(),
                sp.GetRequiredService<QueryBudgetInterceptor>()));
        services.AddSingleton(new ReadReplica(configuration.GetConnectionString(ReadReplica.ConnectionStringName) is { Length: > 0 } replica
            ? ConnectionSettings.Apply(replica, budgets)
            : null));
        services.AddKeyedSingleton(RateLimiting.SharedRateLimitWindows.DataSourceKey, (_, _) => Npgsql.NpgsqlDataSource.Create(serviceConnection));
        services.AddKeyedSingleton(UnitRemovals.DataSourceKey, (_, _) => Npgsql.NpgsqlDataSource.Create(
            configuration.GetConnectionString(UnitRemovals.ConnectionStringName) is { Length: > 0 } listen ? listen : serviceConnection));
        services.AddSingleton<RateLimiting.SharedRateLimitWindows>();
        services.AddHostedService<RateLimiting.RateLimitWindowPurge>();
        services.AddScoped<IdempotencyStore>();
        // Evidence bytes: in PostgreSQL unless Attachments:Store is s3 (chosen when resolved, so any configuration source counts).
        services.AddOptions<Attachments.AttachmentStoreOptions>().Bind(configuration.GetSection(Attachments.AttachmentStoreOptions.Section));
        services.AddSingleton(sp => new Lazy<Amazon.S3.IAmazonS3>(() => Attachments.S3AttachmentStore.CreateClient(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Attachments.AttachmentStoreOptions>>().Value.S3)));
        services.AddScoped<Attachments.IAttachmentStore>(sp =>
            string.Equals(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Attachments.AttachmentStoreOptions>>().Value.Store, "s3", StringComparison.OrdinalIgnoreCase)
                ? new Attachments.S3AttachmentStore(sp.GetRequiredService<Lazy<Amazon.S3.IAmazonS3>>().Value, sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Attachments.AttachmentStoreOptions>>())
                : new Attachments.PostgresAttachmentStore(sp.GetRequiredService<PolicyDbContext>()));
        services.AddOptions<Supervision.SupervisionOptions>().Bind(configuration.GetSection(Supervision.SupervisionOptions.Section));
        services.AddScoped<Supervision.SupervisionQueries>();
        services.AddScoped<Supervision.ObligationsMaintenance>();
        services.AddHostedService<DatabaseStartupService>();
        services.AddHostedService<Supervision.ObligationsHorizonService>(); // after the database is prepared
        services.AddOptions<Supervision.ReminderOptions>().Bind(configuration.GetSection(Supervision.ReminderOptions.Section));
        services.AddScoped<Supervision.Reminders>();
        services.AddHostedService<Supervision.ReminderService>();
        services.AddHostedService<IdempotencyPurgeService>();
        services.AddOptions<ChangeFeed.ChangeFeedOptions>().Bind(configuration.GetSection(ChangeFeed.ChangeFeedOptions.Section));
        services.AddScoped<ChangeFeed.ChangeFeedRetention>();
        services.AddHostedService<ChangeFeed.ChangeFeedRetentionService>();
        services.AddHostedService<Auditing.AuditCheckpointService>();
        AddWebhooks(services, configuration);
        return services;
    }

    /// <summary>Subscriptions' secrets and target guard, the outgoing client (timeout and circuit breaker per host and port), the dispatcher.</summary>
    private static void AddWebhooks(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<Webhooks.WebhookOptions>().Bind(configuration.GetSection(Webhooks.WebhookOptions.Section));
        services.AddSingleton<Webhooks.WebhookSecrets>();
        services.AddSingleton<Webhooks.WebhookTargetGuard>();
        services.AddSingleton<Webhooks.WebhookSender>();
        services.AddScoped<Webhooks.WebhookDeliveryRunner>();
        services.AddHttpClient(Webhooks.WebhookSender.HttpClientName, (sp, client) =>
                client.Timeout = sp.GetRequiredService<IOptions<Webhooks.WebhookOptions>>().Value.AttemptTimeout + TimeSpan.FromSeconds(5))
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                // A redirect or a proxy would take the request somewhere the guard did not check.
                AllowAutoRedirect = false,
                UseProxy = false,
                UseCookies = false,
                ConnectCallback = sp.GetRequiredService<Webhooks.WebhookTargetGuard>().ConnectAsync,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })
            .AddResilienceHandler("webhook-endpoint", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<Webhooks.WebhookOptions>>().Value;
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = options.BreakerFailureRatio,
                    MinimumThroughput = options.BreakerMinimumThroughput,
                    SamplingDuration = options.BreakerSamplingDuration,
                    BreakDuration = options.BreakerBreakDuration,
                });
                pipeline.AddTimeout(options.AttemptTimeout);
            })
            .SelectPipelineByAuthority();
        services.AddHostedService<Webhooks.WebhookDispatcher>();
        services.AddScoped<Webhooks.WebhookRetention>();
        services.AddHostedService<Webhooks.WebhookRetentionService>();
    }
}
