using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Lims.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Receiving : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "rejection",
                table: "tubes",
                type: "character varying(16)",
                unicode: false,
                maxLength: 16,
                nullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "submitter_id",
                table: "api_keys",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<string>(
                name: "role",
                table: "api_keys",
                type: "character varying(16)",
                unicode: false,
                maxLength: 16,
                nullable: false,
                defaultValue: "Submitter");

            migrationBuilder.AddColumn<string>(
                name: "station",
                table: "api_keys",
                type: "character varying(32)",
                unicode: false,
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "boxes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    barcode = table.Column<string>(type: "character varying(32)", unicode: false, maxLength: 32, nullable: false),
                    submitter_id = table.Column<Guid>(type: "uuid", nullable: false),
                    declared_count = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", unicode: false, maxLength: 16, nullable: false),
                    shipped_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    shipped_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    receiving_started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_boxes", x => x.id);
                    table.ForeignKey(
                        name: "FK_boxes_submitters_submitter_id",
                        column: x => x.submitter_id,
                        principalTable: "submitters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "box_discrepancies",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(16)", unicode: false, maxLength: 16, nullable: false),
                    barcode = table.Column<string>(type: "character varying(32)", unicode: false, maxLength: 32, nullable: true),
                    description = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    box_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_box_discrepancies", x => x.id);
                    table.ForeignKey(
                        name: "FK_box_discrepancies_boxes_box_id",
                        column: x => x.box_id,
                        principalTable: "boxes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "box_scans",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    scan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    barcode = table.Column<string>(type: "character varying(32)", unicode: false, maxLength: 32, nullable: false),
                    outcome = table.Column<string>(type: "character varying(16)", unicode: false, maxLength: 16, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    box_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_box_scans", x => x.id);
                    table.ForeignKey(
                        name: "FK_box_scans_boxes_box_id",
                        column: x => x.box_id,
                        principalTable: "boxes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "box_tubes",
                columns: table => new
                {
                    tube_id = table.Column<Guid>(type: "uuid", nullable: false),
                    box_id = table.Column<Guid>(type: "uuid", nullable: false),
                    barcode = table.Column<string>(type: "character varying(32)", unicode: false, maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_box_tubes", x => new { x.box_id, x.tube_id });
                    table.ForeignKey(
                        name: "FK_box_tubes_boxes_box_id",
                        column: x => x.box_id,
                        principalTable: "boxes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_box_tubes_tubes_tube_id",
                        column: x => x.tube_id,
                        principalTable: "tubes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_box_discrepancies_box_id",
                table: "box_discrepancies",
                column: "box_id");

            migrationBuilder.CreateIndex(
                name: "IX_box_scans_box_id_scan_id",
                table: "box_scans",
                columns: new[] { "box_id", "scan_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_box_tubes_tube_id",
                table: "box_tubes",
                column: "tube_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_boxes_barcode",
                table: "boxes",
                column: "barcode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_boxes_submitter_id",
                table: "boxes",
                column: "submitter_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "box_discrepancies");

            migrationBuilder.DropTable(
                name: "box_scans");

            migrationBuilder.DropTable(
                name: "box_tubes");

            migrationBuilder.DropTable(
                name: "boxes");

            migrationBuilder.DropColumn(
                name: "rejection",
                table: "tubes");

            migrationBuilder.DropColumn(
                name: "role",
                table: "api_keys");

            migrationBuilder.DropColumn(
                name: "station",
                table: "api_keys");

            migrationBuilder.AlterColumn<Guid>(
                name: "submitter_id",
                table: "api_keys",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);
        }
    }
}
