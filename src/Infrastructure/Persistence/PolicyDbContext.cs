using Microsoft.EntityFrameworkCore;
using PolicyApi.Domain.Documents;
using PolicyApi.Domain.Units;
using PolicyApi.Infrastructure.Idempotency;

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

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

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
    }
}
