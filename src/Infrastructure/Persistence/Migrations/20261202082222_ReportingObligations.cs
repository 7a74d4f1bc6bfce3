using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PolicyApi.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ReportingObligations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Reporting duties and obligations become data kept by the database (see ObligationsSql), laid out for
            // every document already registered.
            migrationBuilder.Sql(PolicyApi.Infrastructure.Supervision.ObligationsSql.Create);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PolicyApi.Infrastructure.Supervision.ObligationsSql.Drop);
        }
    }
}
