using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PolicyApi.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ObligationsOpenIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PolicyApi.Infrastructure.Supervision.ObligationsSql.OpenIndexes);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PolicyApi.Infrastructure.Supervision.ObligationsSql.OpenIndexesDrop);
        }
    }
}
