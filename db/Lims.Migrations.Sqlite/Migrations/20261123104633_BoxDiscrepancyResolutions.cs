using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lims.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class BoxDiscrepancyResolutions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_box_discrepancies_box_id",
                table: "box_discrepancies");

            migrationBuilder.AddColumn<int>(
                name: "number",
                table: "box_discrepancies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "resolution",
                table: "box_discrepancies",
                type: "TEXT",
                unicode: false,
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "resolution_note",
                table: "box_discrepancies",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "resolved_at",
                table: "box_discrepancies",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "resolved_by",
                table: "box_discrepancies",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            // Hand-written, keep when regenerating: number the discrepancies of boxes closed before
            // this migration 1, 2, … in the order they were listed, so the unique index holds.
            migrationBuilder.Sql(
                "UPDATE box_discrepancies SET number = (SELECT COUNT(*) FROM box_discrepancies d " +
                "WHERE d.box_id = box_discrepancies.box_id AND d.id <= box_discrepancies.id);");

            migrationBuilder.CreateIndex(
                name: "IX_box_discrepancies_box_id_number",
                table: "box_discrepancies",
                columns: new[] { "box_id", "number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_box_discrepancies_box_id_number",
                table: "box_discrepancies");

            migrationBuilder.DropColumn(
                name: "number",
                table: "box_discrepancies");

            migrationBuilder.DropColumn(
                name: "resolution",
                table: "box_discrepancies");

            migrationBuilder.DropColumn(
                name: "resolution_note",
                table: "box_discrepancies");

            migrationBuilder.DropColumn(
                name: "resolved_at",
                table: "box_discrepancies");

            migrationBuilder.DropColumn(
                name: "resolved_by",
                table: "box_discrepancies");

            migrationBuilder.CreateIndex(
                name: "IX_box_discrepancies_box_id",
                table: "box_discrepancies",
                column: "box_id");
        }
    }
}
