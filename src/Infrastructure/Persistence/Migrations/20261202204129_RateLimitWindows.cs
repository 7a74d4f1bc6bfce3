using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PolicyApi.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Per-client request windows counted for the whole deployment (Infrastructure/RateLimiting). Unlogged: counters are
    /// not worth WAL or replication, and a crash or failover only forgets the current minute. Not in the EF model: only
    /// raw statements touch it.
    /// </summary>
    public partial class RateLimitWindows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                CREATE UNLOGGED TABLE policy.rate_limit_windows (
                    policy text NOT NULL,
                    window_start timestamptz NOT NULL,
                    used integer NOT NULL,
                    PRIMARY KEY (policy, window_start));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE policy.rate_limit_windows;");
        }
    }
}
