using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PolicyApi.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class IdempotencyInTransaction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Keys were scoped by subject alone and completed outside the change's transaction: none can be trusted
            // to replay for the right caller, so they are dropped (they lived 24 hours at most).
            migrationBuilder.Sql("DELETE FROM policy.idempotency_keys;");

            migrationBuilder.DropColumn(
                name: "completed",
                schema: "policy",
                table: "idempotency_keys");

            migrationBuilder.DropColumn(
                name: "locked_until",
                schema: "policy",
                table: "idempotency_keys");

            migrationBuilder.AlterColumn<int>(
                name: "status_code",
                schema: "policy",
                table: "idempotency_keys",
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "caller",
                schema: "policy",
                table: "idempotency_keys",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<int>(
                name: "status_code",
                schema: "policy",
                table: "idempotency_keys",
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AlterColumn<string>(
                name: "caller",
                schema: "policy",
                table: "idempotency_keys",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

            migrationBuilder.AddColumn<bool>(
                name: "completed",
                schema: "policy",
                table: "idempotency_keys",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "locked_until",
                schema: "policy",
                table: "idempotency_keys",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));
        }
    }
}
