using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lims.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Plates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "version",
                table: "tubes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "assay_kits",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    version = table.Column<string>(type: "TEXT", unicode: false, maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    definition = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assay_kits", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "plates",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    barcode = table.Column<string>(type: "TEXT", unicode: false, maxLength: 32, nullable: false),
                    size = table.Column<int>(type: "INTEGER", nullable: false),
                    kit_code = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    kit_version = table.Column<string>(type: "TEXT", unicode: false, maxLength: 32, nullable: false),
                    fill_order = table.Column<string>(type: "TEXT", unicode: false, maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "TEXT", unicode: false, maxLength: 16, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    sealed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    sealed_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plates", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "plate_wells",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    position = table.Column<string>(type: "TEXT", unicode: false, maxLength: 3, nullable: false),
                    role = table.Column<string>(type: "TEXT", unicode: false, maxLength: 24, nullable: false),
                    tube_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    tube_barcode = table.Column<string>(type: "TEXT", unicode: false, maxLength: 32, nullable: true),
                    control_name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    plate_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plate_wells", x => x.id);
                    table.ForeignKey(
                        name: "FK_plate_wells_plates_plate_id",
                        column: x => x.plate_id,
                        principalTable: "plates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_plate_wells_tubes_tube_id",
                        column: x => x.tube_id,
                        principalTable: "tubes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_assay_kits_code_version",
                table: "assay_kits",
                columns: new[] { "code", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_plate_wells_plate_id",
                table: "plate_wells",
                column: "plate_id");

            migrationBuilder.CreateIndex(
                name: "IX_plate_wells_tube_id",
                table: "plate_wells",
                column: "tube_id");

            migrationBuilder.CreateIndex(
                name: "IX_plates_barcode",
                table: "plates",
                column: "barcode",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "assay_kits");

            migrationBuilder.DropTable(
                name: "plate_wells");

            migrationBuilder.DropTable(
                name: "plates");

            migrationBuilder.DropColumn(
                name: "version",
                table: "tubes");
        }
    }
}
