using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lims.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Bench : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "qc_notes",
                table: "plate_runs",
                type: "nvarchar(max)",
                nullable: false,
                defaultValueSql: "'[]'");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "override_signed_at",
                table: "inactivation_batches",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "override_signed_by",
                table: "inactivation_batches",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "override_signer_role",
                table: "inactivation_batches",
                type: "varchar(16)",
                unicode: false,
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "started_by",
                table: "inactivation_batches",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            // The batches started before who started them was kept: their operator (the actor, unless one was named).
            migrationBuilder.Sql(@"EXEC(N'UPDATE [inactivation_batches] SET [started_by] = [operator];');");

            migrationBuilder.AddColumn<Guid>(
                name: "submitter_id",
                table: "barcode_ranges",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_barcode_ranges_submitter_id",
                table: "barcode_ranges",
                column: "submitter_id");

            migrationBuilder.AddForeignKey(
                name: "FK_barcode_ranges_submitters_submitter_id",
                table: "barcode_ranges",
                column: "submitter_id",
                principalTable: "submitters",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_barcode_ranges_submitters_submitter_id",
                table: "barcode_ranges");

            migrationBuilder.DropIndex(
                name: "IX_barcode_ranges_submitter_id",
                table: "barcode_ranges");

            migrationBuilder.DropColumn(
                name: "qc_notes",
                table: "plate_runs");

            migrationBuilder.DropColumn(
                name: "override_signed_at",
                table: "inactivation_batches");

            migrationBuilder.DropColumn(
                name: "override_signed_by",
                table: "inactivation_batches");

            migrationBuilder.DropColumn(
                name: "override_signer_role",
                table: "inactivation_batches");

            migrationBuilder.DropColumn(
                name: "started_by",
                table: "inactivation_batches");

            migrationBuilder.DropColumn(
                name: "submitter_id",
                table: "barcode_ranges");
        }
    }
}
