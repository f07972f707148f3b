using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lims.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class PlateRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "recollection_required_at",
                table: "tubes",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "interpreted_at",
                table: "plates",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "run_files",
                columns: table => new
                {
                    sha256 = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "varbinary(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_run_files", x => x.sha256);
                });

            migrationBuilder.CreateTable(
                name: "plate_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    plate_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    plate_barcode = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: false),
                    file_name = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: false),
                    sha256 = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    file_length = table.Column<long>(type: "bigint", nullable: false),
                    format = table.Column<string>(type: "varchar(40)", unicode: false, maxLength: 40, nullable: false),
                    instrument = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    kit_code = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    kit_version = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: false),
                    qc_passed = table.Column<bool>(type: "bit", nullable: false),
                    qc_reasons = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    imported_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    imported_by = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plate_runs", x => x.id);
                    table.ForeignKey(
                        name: "FK_plate_runs_plates_plate_id",
                        column: x => x.plate_id,
                        principalTable: "plates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_plate_runs_run_files_sha256",
                        column: x => x.sha256,
                        principalTable: "run_files",
                        principalColumn: "sha256",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "run_wells",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    position = table.Column<string>(type: "varchar(3)", unicode: false, maxLength: 3, nullable: false),
                    sample = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    role = table.Column<string>(type: "varchar(24)", unicode: false, maxLength: 24, nullable: false),
                    call = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    tube_id = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    tube_barcode = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: true),
                    outcome = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: true),
                    reasons = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    targets = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    run_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_run_wells", x => x.id);
                    table.ForeignKey(
                        name: "FK_run_wells_plate_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "plate_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_plate_runs_plate_barcode",
                table: "plate_runs",
                column: "plate_barcode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_plate_runs_plate_id",
                table: "plate_runs",
                column: "plate_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_plate_runs_sha256",
                table: "plate_runs",
                column: "sha256",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_run_wells_run_id",
                table: "run_wells",
                column: "run_id");

            migrationBuilder.CreateIndex(
                name: "IX_run_wells_tube_id",
                table: "run_wells",
                column: "tube_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "run_wells");

            migrationBuilder.DropTable(
                name: "plate_runs");

            migrationBuilder.DropTable(
                name: "run_files");

            migrationBuilder.DropColumn(
                name: "recollection_required_at",
                table: "tubes");

            migrationBuilder.DropColumn(
                name: "interpreted_at",
                table: "plates");
        }
    }
}
