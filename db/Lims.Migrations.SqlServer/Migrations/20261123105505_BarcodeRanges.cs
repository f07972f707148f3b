using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lims.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class BarcodeRanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "barcode_ranges",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    prefix = table.Column<string>(type: "varchar(8)", unicode: false, maxLength: 8, nullable: false),
                    first = table.Column<long>(type: "bigint", nullable: false),
                    last = table.Column<long>(type: "bigint", nullable: false),
                    count = table.Column<int>(type: "int", nullable: false),
                    kind = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    issued_by = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    purpose = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    idempotency_key = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_barcode_ranges", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_barcode_ranges_idempotency_key",
                table: "barcode_ranges",
                column: "idempotency_key",
                unique: true,
                filter: "[idempotency_key] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_barcode_ranges_prefix_first",
                table: "barcode_ranges",
                columns: new[] { "prefix", "first" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "barcode_ranges");
        }
    }
}
