using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PolicyApi.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialRegistry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "policy");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "documents",
                schema: "policy",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    doc_number = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    doc_number_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    issuer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    region = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    issued_on = table.Column<DateOnly>(type: "date", nullable: true),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    period_from = table.Column<DateOnly>(type: "date", nullable: true),
                    period_to = table.Column<DateOnly>(type: "date", nullable: true),
                    basis_documents = table.Column<string[]>(type: "text[]", nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_documents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "idempotency_keys",
                schema: "policy",
                columns: table => new
                {
                    caller = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    request_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    locked_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed = table.Column<bool>(type: "boolean", nullable: false),
                    status_code = table.Column<int>(type: "integer", nullable: true),
                    content_type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    location = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    etag = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    body = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotency_keys", x => new { x.caller, x.key });
                });

            migrationBuilder.CreateTable(
                name: "responsible_units",
                schema: "policy",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    region = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    short_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    parent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_responsible_units", x => x.id);
                    table.ForeignKey(
                        name: "fk_responsible_units_responsible_units_parent_id",
                        column: x => x.parent_id,
                        principalSchema: "policy",
                        principalTable: "responsible_units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "chapters",
                schema: "policy",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    document_id = table.Column<Guid>(type: "uuid", nullable: false),
                    label = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_chapters", x => x.id);
                    table.ForeignKey(
                        name: "fk_chapters_documents_document_id",
                        column: x => x.document_id,
                        principalSchema: "policy",
                        principalTable: "documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "unit_names",
                schema: "policy",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    region = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_unit_names", x => x.id);
                    table.ForeignKey(
                        name: "fk_unit_names_responsible_units_unit_id",
                        column: x => x.unit_id,
                        principalSchema: "policy",
                        principalTable: "responsible_units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "measures",
                schema: "policy",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    document_id = table.Column<Guid>(type: "uuid", nullable: false),
                    chapter_id = table.Column<Guid>(type: "uuid", nullable: true),
                    parent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    label = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    body = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    key_work = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    blanket_text = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    blanket_unit_kinds = table.Column<string[]>(type: "text[]", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_measures", x => x.id);
                    table.ForeignKey(
                        name: "fk_measures_chapters_chapter_id",
                        column: x => x.chapter_id,
                        principalSchema: "policy",
                        principalTable: "chapters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_measures_documents_document_id",
                        column: x => x.document_id,
                        principalSchema: "policy",
                        principalTable: "documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_measures_measures_parent_id",
                        column: x => x.parent_id,
                        principalSchema: "policy",
                        principalTable: "measures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "measure_assignments",
                schema: "policy",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    measure_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_measure_assignments", x => x.id);
                    table.ForeignKey(
                        name: "fk_measure_assignments_measures_measure_id",
                        column: x => x.measure_id,
                        principalSchema: "policy",
                        principalTable: "measures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_measure_assignments_units_unit_id",
                        column: x => x.unit_id,
                        principalSchema: "policy",
                        principalTable: "responsible_units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_chapters_document_id_sequence",
                schema: "policy",
                table: "chapters",
                columns: new[] { "document_id", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_documents_doc_number_key",
                schema: "policy",
                table: "documents",
                column: "doc_number_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_documents_region_issued_on",
                schema: "policy",
                table: "documents",
                columns: new[] { "region", "issued_on" });

            migrationBuilder.CreateIndex(
                name: "ix_documents_title",
                schema: "policy",
                table: "documents",
                column: "title")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_keys_expires_at",
                schema: "policy",
                table: "idempotency_keys",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_measure_assignments_measure_id_unit_id",
                schema: "policy",
                table: "measure_assignments",
                columns: new[] { "measure_id", "unit_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_measure_assignments_unit_id_role",
                schema: "policy",
                table: "measure_assignments",
                columns: new[] { "unit_id", "role" });

            migrationBuilder.CreateIndex(
                name: "ix_measures_chapter_id",
                schema: "policy",
                table: "measures",
                column: "chapter_id");

            migrationBuilder.CreateIndex(
                name: "ix_measures_document_id_sequence",
                schema: "policy",
                table: "measures",
                columns: new[] { "document_id", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_measures_parent_id",
                schema: "policy",
                table: "measures",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_responsible_units_parent_id",
                schema: "policy",
                table: "responsible_units",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_responsible_units_region_kind",
                schema: "policy",
                table: "responsible_units",
                columns: new[] { "region", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_unit_names_key",
                schema: "policy",
                table: "unit_names",
                column: "key")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_unit_names_region_key",
                schema: "policy",
                table: "unit_names",
                columns: new[] { "region", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_unit_names_unit_id",
                schema: "policy",
                table: "unit_names",
                column: "unit_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "idempotency_keys",
                schema: "policy");

            migrationBuilder.DropTable(
                name: "measure_assignments",
                schema: "policy");

            migrationBuilder.DropTable(
                name: "unit_names",
                schema: "policy");

            migrationBuilder.DropTable(
                name: "measures",
                schema: "policy");

            migrationBuilder.DropTable(
                name: "responsible_units",
                schema: "policy");

            migrationBuilder.DropTable(
                name: "chapters",
                schema: "policy");

            migrationBuilder.DropTable(
                name: "documents",
                schema: "policy");
        }
    }
}
