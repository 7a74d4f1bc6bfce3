using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PolicyApi.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ObligationsAtCommit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Obligations are refreshed once per transaction, at commit, for everything it touched.
            migrationBuilder.Sql(PolicyApi.Infrastructure.Supervision.ObligationsSql.AtCommit);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PolicyApi.Infrastructure.Supervision.ObligationsSql.AtCommitDrop);
        }
    }
}
