using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lims.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Signing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_webhook_deliveries_release_id_submitter_id",
                table: "webhook_deliveries");

            migrationBuilder.RenameColumn(
                name: "cancel_reason",
                table: "recall_cases",
                newName: "withdrawn_reason");

            migrationBuilder.AlterColumn<Guid>(
                name: "release_id",
                table: "webhook_deliveries",
                type: "uniqueidentifier",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uniqueidentifier");

            migrationBuilder.AddColumn<string>(
                name: "event",
                table: "webhook_deliveries",
                type: "varchar(24)",
                unicode: false,
                maxLength: 24,
                nullable: false,
                defaultValue: "ResultsReleased");

            migrationBuilder.AddColumn<Guid>(
                name: "recall_case_id",
                table: "webhook_deliveries",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "patient_id",
                table: "tube_members",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "patient_id_system",
                table: "tube_members",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "visible_at",
                table: "recall_cases",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "patient_id",
                table: "person_results",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "patient_id_system",
                table: "person_results",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_webhook_deliveries_recall_case_id_event",
                table: "webhook_deliveries",
                columns: new[] { "recall_case_id", "event" },
                unique: true,
                filter: "[recall_case_id] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_webhook_deliveries_release_id_submitter_id",
                table: "webhook_deliveries",
                columns: new[] { "release_id", "submitter_id" },
                unique: true,
                filter: "[release_id] IS NOT NULL");

            // Recall cases written before this change were shown to their submitter at once; a cancelled case is withdrawn.
            migrationBuilder.Sql("UPDATE recall_cases SET visible_at = opened_at;");
            migrationBuilder.Sql("UPDATE recall_cases SET status = 'Withdrawn' WHERE status = 'Cancelled';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE recall_cases SET status = 'Cancelled' WHERE status = 'Withdrawn';");

            migrationBuilder.DropIndex(
                name: "IX_webhook_deliveries_recall_case_id_event",
                table: "webhook_deliveries");

            migrationBuilder.DropIndex(
                name: "IX_webhook_deliveries_release_id_submitter_id",
                table: "webhook_deliveries");

            migrationBuilder.DropColumn(
                name: "event",
                table: "webhook_deliveries");

            migrationBuilder.DropColumn(
                name: "recall_case_id",
                table: "webhook_deliveries");

            migrationBuilder.DropColumn(
                name: "patient_id",
                table: "tube_members");

            migrationBuilder.DropColumn(
                name: "patient_id_system",
                table: "tube_members");

            migrationBuilder.DropColumn(
                name: "visible_at",
                table: "recall_cases");

            migrationBuilder.DropColumn(
                name: "patient_id",
                table: "person_results");

            migrationBuilder.DropColumn(
                name: "patient_id_system",
                table: "person_results");

            migrationBuilder.RenameColumn(
                name: "withdrawn_reason",
                table: "recall_cases",
                newName: "cancel_reason");

            migrationBuilder.AlterColumn<Guid>(
                name: "release_id",
                table: "webhook_deliveries",
                type: "uniqueidentifier",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uniqueidentifier",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_webhook_deliveries_release_id_submitter_id",
                table: "webhook_deliveries",
                columns: new[] { "release_id", "submitter_id" },
                unique: true);
        }
    }
}
