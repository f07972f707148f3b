using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lims.Migrations.SqlServer.Migrations
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
                type: "varchar(16)",
                unicode: false,
                maxLength: 16,
                nullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "submitter_id",
                table: "api_keys",
                type: "uniqueidentifier",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uniqueidentifier");

            migrationBuilder.AddColumn<string>(
                name: "role",
                table: "api_keys",
                type: "varchar(16)",
                unicode: false,
                maxLength: 16,
                nullable: false,
                defaultValue: "Submitter");

            migrationBuilder.AddColumn<string>(
                name: "station",
                table: "api_keys",
                type: "varchar(32)",
                unicode: false,
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "boxes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    barcode = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: false),
                    submitter_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    declared_count = table.Column<int>(type: "int", nullable: false),
                    status = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    shipped_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    shipped_by = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    receiving_started_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    closed_by = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    version = table.Column<int>(type: "int", nullable: false)
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
                        .Annotation("SqlServer:Identity", "1, 1"),
                    kind = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    barcode = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: true),
                    description = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    box_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
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
                        .Annotation("SqlServer:Identity", "1, 1"),
                    scan_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    barcode = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: false),
                    outcome = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    by = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    box_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
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
                    tube_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    box_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    barcode = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: false)
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
                type: "uniqueidentifier",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uniqueidentifier",
                oldNullable: true);
        }
    }
}
