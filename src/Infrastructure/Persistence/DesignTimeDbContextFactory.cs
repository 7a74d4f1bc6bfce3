using Microsoft.EntityFrameworkCore.Design;

namespace PolicyApi.Infrastructure.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the API or reaching a server.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PolicyDbContext>
{
    public PolicyDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PolicyDbContext>()
            .UseNpgsql("Host=localhost;Database=policyapi_design", o => o.MigrationsHistoryTable("__ef_migrations_history", PolicyDbContext.Schema))
            .UseSnakeCaseNamingConvention()
            .Options);
}
