using PolicyApi.Domain.Documents;
using PolicyApi.Domain.Reports;
using PolicyApi.Domain.Targets;
using PolicyApi.Domain.Units;
using PolicyApi.Infrastructure.Idempotency;
using PolicyApi.Domain.Importing;
using PolicyApi.Infrastructure.Auditing;

namespace PolicyApi.Infrastructure.Persistence;

/// <summary>The unit of work: one context per request, aggregates loaded and saved through it.</summary>
public sealed class PolicyDbContext(DbContextOptions<PolicyDbContext> options) : DbContext(options)
{
    public const string Schema = "policy";

    public DbSet<PolicyDocument> Documents => Set<PolicyDocument>();

    public DbSet<Chapter> Chapters => Set<Chapter>();

    public DbSet<Measure> Measures => Set<Measure>();

    public DbSet<MeasureAssignment> Assignments => Set<MeasureAssignment>();

    public DbSet<ResponsibleUnit> Units => Set<ResponsibleUnit>();

    public DbSet<UnitName> UnitNames => Set<UnitName>();

    public DbSet<Target> Targets => Set<Target>();

    public DbSet<TargetAllocation> TargetAllocations => Set<TargetAllocation>();

    public DbSet<ProgressReport> ProgressReports => Set<ProgressReport>();

    public DbSet<ReportRevision> ReportRevisions => Set<ReportRevision>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<DocumentImport> Imports => Set<DocumentImport>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<EvidenceFile> EvidenceFiles => Set<EvidenceFile>();

    public DbSet<Attachments.AttachmentContent> AttachmentContents => Set<Attachments.AttachmentContent>();

    public DbSet<ChangeFeed.ChangeRecord> Changes => Set<ChangeFeed.ChangeRecord>();

    public DbSet<ChangeFeed.ChangeFeedHorizon> ChangeFeedHorizon => Set<ChangeFeed.ChangeFeedHorizon>();

    public DbSet<Webhooks.WebhookSubscription> WebhookSubscriptions => Set<Webhooks.WebhookSubscription>();

    public DbSet<Webhooks.OutboxEvent> OutboxEvents => Set<Webhooks.OutboxEvent>();

    public DbSet<Webhooks.WebhookDelivery> WebhookDeliveries => Set<Webhooks.WebhookDelivery>();

    public DbSet<Webhooks.WebhookAttempt> WebhookAttempts => Set<Webhooks.WebhookAttempt>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PolicyDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name so the data reads the same in psql as in the API.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);

        // Quantities are exact: numeric(20, 6) holds 7000 万美元 and 20.5 % without binary rounding.
        configurationBuilder.Properties<decimal>().HavePrecision(20, PolicyApi.Domain.Common.Bounds.QuantityDecimals);
    }
}
