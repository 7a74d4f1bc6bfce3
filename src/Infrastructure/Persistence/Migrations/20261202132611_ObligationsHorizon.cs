using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PolicyApi.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ObligationsHorizon : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The horizon obligations are laid out to is kept; the daily job lays out again once it has moved on.
            migrationBuilder.Sql(PolicyApi.Infrastructure.Supervision.ObligationsSql.Horizon);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PolicyApi.Infrastructure.Supervision.ObligationsSql.HorizonDrop);
        }
    }
}
