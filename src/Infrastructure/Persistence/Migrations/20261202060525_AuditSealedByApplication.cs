using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PolicyApi.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AuditSealedByApplication : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The application now seals each row (id, previous hash, HMAC with a key the database does not hold);
            // the database keeps only the append-only trigger, and audit_digest() to verify rows sealed before.
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS audit_entries_chain ON policy.audit_entries;
                DROP FUNCTION IF EXISTS policy.audit_chain();
                ALTER TABLE policy.audit_entries ALTER COLUMN id DROP DEFAULT;
                """);

            migrationBuilder.DropSequence(
                name: "audit_entries_seq",
                schema: "policy");

            migrationBuilder.AlterColumn<string>(
                name: "previous_hash",
                schema: "policy",
                table: "audit_entries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldDefaultValue: "");

            migrationBuilder.AlterColumn<string>(
                name: "hash",
                schema: "policy",
                table: "audit_entries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldDefaultValue: "");

            migrationBuilder.AlterColumn<string>(
                name: "before",
                schema: "policy",
                table: "audit_entries",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "jsonb",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "after",
                schema: "policy",
                table: "audit_entries",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "jsonb",
                oldNullable: true);

            migrationBuilder.AlterColumn<long>(
                name: "id",
                schema: "policy",
                table: "audit_entries",
                type: "bigint",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "bigint",
                oldDefaultValueSql: "nextval('policy.audit_entries_seq')");

            migrationBuilder.AddColumn<string>(
                name: "key_id",
                schema: "policy",
                table: "audit_entries",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "legacy-sha256");

            // Rows already written keep their database SHA-256 (key id legacy-sha256); new rows name their key.
            migrationBuilder.Sql("ALTER TABLE policy.audit_entries ALTER COLUMN key_id DROP DEFAULT;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "key_id",
                schema: "policy",
                table: "audit_entries");

            migrationBuilder.CreateSequence(
                name: "audit_entries_seq",
                schema: "policy");

            migrationBuilder.AlterColumn<string>(
                name: "previous_hash",
                schema: "policy",
                table: "audit_entries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

            migrationBuilder.AlterColumn<string>(
                name: "hash",
                schema: "policy",
                table: "audit_entries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

            migrationBuilder.AlterColumn<string>(
                name: "before",
                schema: "policy",
                table: "audit_entries",
                type: "jsonb",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "after",
                schema: "policy",
                table: "audit_entries",
                type: "jsonb",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);

            migrationBuilder.AlterColumn<long>(
                name: "id",
                schema: "policy",
                table: "audit_entries",
                type: "bigint",
                nullable: false,
                defaultValueSql: "nextval('policy.audit_entries_seq')",
                oldClrType: typeof(long),
                oldType: "bigint");

            // Back to the database sealing rows itself (rows sealed with HMAC will no longer verify as SHA-256).
            migrationBuilder.Sql("""
                SELECT setval('policy.audit_entries_seq', coalesce((SELECT max(id) FROM policy.audit_entries), 0) + 1, false);
                CREATE OR REPLACE FUNCTION policy.audit_chain() RETURNS trigger
                LANGUAGE plpgsql AS $$
                DECLARE prior text;
                BEGIN
                    PERFORM pg_advisory_xact_lock(7263541);
                    NEW.id := nextval('policy.audit_entries_seq');
                    SELECT hash INTO prior FROM policy.audit_entries ORDER BY id DESC LIMIT 1;
                    NEW.previous_hash := coalesce(prior, '');
                    NEW.hash := policy.audit_digest(NEW);
                    RETURN NEW;
                END $$;
                CREATE TRIGGER audit_entries_chain BEFORE INSERT ON policy.audit_entries
                    FOR EACH ROW EXECUTE FUNCTION policy.audit_chain();
                """);
        }
    }
}
