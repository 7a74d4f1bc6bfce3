using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PolicyApi.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TargetsReportsSupervision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "cadence_frequency",
                schema: "policy",
                table: "measures",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "cadence_grace_days",
                schema: "policy",
                table: "measures",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "cadence_frequency",
                schema: "policy",
                table: "documents",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "cadence_grace_days",
                schema: "policy",
                table: "documents",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "targets",
                schema: "policy",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    document_id = table.Column<Guid>(type: "uuid", nullable: false),
                    measure_id = table.Column<Guid>(type: "uuid", nullable: true),
                    indicator = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    unit_of_measure = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    comparator = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    value = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: false),
                    period_start = table.Column<DateOnly>(type: "date", nullable: false),
                    period_end = table.Column<DateOnly>(type: "date", nullable: false),
                    direction = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    accumulation = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    scope = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    scope_text = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    baseline_value = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: true),
                    baseline_unit_of_measure = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    baseline_start = table.Column<DateOnly>(type: "date", nullable: true),
                    baseline_end = table.Column<DateOnly>(type: "date", nullable: true),
                    based_on_target_id = table.Column<Guid>(type: "uuid", nullable: true),
                    cadence_frequency = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    cadence_grace_days = table.Column<int>(type: "integer", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_targets", x => x.id);
                    table.ForeignKey(
                        name: "fk_targets_documents_document_id",
                        column: x => x.document_id,
                        principalSchema: "policy",
                        principalTable: "documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_targets_measures_measure_id",
                        column: x => x.measure_id,
                        principalSchema: "policy",
                        principalTable: "measures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_targets_targets_based_on_target_id",
                        column: x => x.based_on_target_id,
                        principalSchema: "policy",
                        principalTable: "targets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "progress_reports",
                schema: "policy",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    measure_id = table.Column<Guid>(type: "uuid", nullable: true),
                    target_id = table.Column<Guid>(type: "uuid", nullable: true),
                    period_kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    period_code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    period_start = table.Column<DateOnly>(type: "date", nullable: false),
                    period_end = table.Column<DateOnly>(type: "date", nullable: false),
                    value = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: true),
                    unit_of_measure = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    narrative = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    problems = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    next_steps = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    self_assessment = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    evidence_links = table.Column<string[]>(type: "text[]", nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    return_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    first_submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    submitted_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reviewed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_progress_reports", x => x.id);
                    table.ForeignKey(
                        name: "fk_progress_reports_measures_measure_id",
                        column: x => x.measure_id,
                        principalSchema: "policy",
                        principalTable: "measures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_progress_reports_targets_target_id",
                        column: x => x.target_id,
                        principalSchema: "policy",
                        principalTable: "targets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_progress_reports_units_unit_id",
                        column: x => x.unit_id,
                        principalSchema: "policy",
                        principalTable: "responsible_units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "target_allocations",
                schema: "policy",
                columns: table => new
                {
                    target_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    value = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_target_allocations", x => new { x.target_id, x.unit_id });
                    table.ForeignKey(
                        name: "fk_target_allocations_responsible_units_unit_id",
                        column: x => x.unit_id,
                        principalSchema: "policy",
                        principalTable: "responsible_units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_target_allocations_targets_target_id",
                        column: x => x.target_id,
                        principalSchema: "policy",
                        principalTable: "targets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "target_milestones",
                schema: "policy",
                columns: table => new
                {
                    target_id = table.Column<Guid>(type: "uuid", nullable: false),
                    by = table.Column<DateOnly>(type: "date", nullable: false),
                    value = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_target_milestones", x => new { x.target_id, x.by });
                    table.ForeignKey(
                        name: "fk_target_milestones_targets_target_id",
                        column: x => x.target_id,
                        principalSchema: "policy",
                        principalTable: "targets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "target_scope_units",
                schema: "policy",
                columns: table => new
                {
                    target_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_target_scope_units", x => new { x.target_id, x.unit_id });
                    table.ForeignKey(
                        name: "fk_target_scope_units_responsible_units_unit_id",
                        column: x => x.unit_id,
                        principalSchema: "policy",
                        principalTable: "responsible_units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_target_scope_units_targets_target_id",
                        column: x => x.target_id,
                        principalSchema: "policy",
                        principalTable: "targets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "progress_report_revisions",
                schema: "policy",
                columns: table => new
                {
                    report_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    period_code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    value = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: true),
                    unit_of_measure = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    narrative = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    problems = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    next_steps = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    self_assessment = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    evidence_links = table.Column<string[]>(type: "text[]", nullable: false),
                    return_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    actor_subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    actor_role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    actor_unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_progress_report_revisions", x => new { x.report_id, x.number });
                    table.ForeignKey(
                        name: "fk_progress_report_revisions_progress_reports_report_id",
                        column: x => x.report_id,
                        principalSchema: "policy",
                        principalTable: "progress_reports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_progress_reports_measure_id_period_code",
                schema: "policy",
                table: "progress_reports",
                columns: new[] { "measure_id", "period_code" });

            migrationBuilder.CreateIndex(
                name: "ix_progress_reports_status_unit_id",
                schema: "policy",
                table: "progress_reports",
                columns: new[] { "status", "unit_id" });

            migrationBuilder.CreateIndex(
                name: "ix_progress_reports_target_id_period_end",
                schema: "policy",
                table: "progress_reports",
                columns: new[] { "target_id", "period_end" })
                .Annotation("Npgsql:IndexInclude", new[] { "unit_id", "status", "value" });

            migrationBuilder.CreateIndex(
                name: "ix_progress_reports_unit_id_measure_id_target_id_period_code",
                schema: "policy",
                table: "progress_reports",
                columns: new[] { "unit_id", "measure_id", "target_id", "period_code" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "ix_target_allocations_unit_id",
                schema: "policy",
                table: "target_allocations",
                column: "unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_target_scope_units_unit_id",
                schema: "policy",
                table: "target_scope_units",
                column: "unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_targets_based_on_target_id",
                schema: "policy",
                table: "targets",
                column: "based_on_target_id");

            migrationBuilder.CreateIndex(
                name: "ix_targets_document_id_id",
                schema: "policy",
                table: "targets",
                columns: new[] { "document_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_targets_measure_id",
                schema: "policy",
                table: "targets",
                column: "measure_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "progress_report_revisions",
                schema: "policy");

            migrationBuilder.DropTable(
                name: "target_allocations",
                schema: "policy");

            migrationBuilder.DropTable(
                name: "target_milestones",
                schema: "policy");

            migrationBuilder.DropTable(
                name: "target_scope_units",
                schema: "policy");

            migrationBuilder.DropTable(
                name: "progress_reports",
                schema: "policy");

            migrationBuilder.DropTable(
                name: "targets",
                schema: "policy");

            migrationBuilder.DropColumn(
                name: "cadence_frequency",
                schema: "policy",
                table: "measures");

            migrationBuilder.DropColumn(
                name: "cadence_grace_days",
                schema: "policy",
                table: "measures");

            migrationBuilder.DropColumn(
                name: "cadence_frequency",
                schema: "policy",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "cadence_grace_days",
                schema: "policy",
                table: "documents");
        }
    }
}
