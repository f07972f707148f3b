using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lims.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Signing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "cancel_reason",
                table: "recall_cases",
                newName: "withdrawn_reason");

            migrationBuilder.AlterColumn<Guid>(
                name: "release_id",
                table: "webhook_deliveries",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<string>(
                name: "event",
                table: "webhook_deliveries",
                type: "character varying(24)",
                unicode: false,
                maxLength: 24,
                nullable: false,
                defaultValue: "ResultsReleased");

            migrationBuilder.AddColumn<Guid>(
                name: "recall_case_id",
                table: "webhook_deliveries",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "patient_id",
                table: "tube_members",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "patient_id_system",
                table: "tube_members",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "visible_at",
                table: "recall_cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "patient_id",
                table: "person_results",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "patient_id_system",
                table: "person_results",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_webhook_deliveries_recall_case_id_event",
                table: "webhook_deliveries",
                columns: new[] { "recall_case_id", "event" },
                unique: true);

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
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);
        }
    }
}
