using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lims.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class RecallBulkPath : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_recall_members_person_lookup_hash",
                table: "recall_members");

            migrationBuilder.CreateIndex(
                name: "IX_tubes_status_call",
                table: "tubes",
                columns: new[] { "status", "call" },
                filter: "status = 'Interpreted'");

            // Hand-written: members of a recall are written only with their case, in the same transaction, by the bulk
            // writer (a day's positive pools are ~260,000 members), and cases are never deleted: the per-row
            // foreign-key check added cost and nothing else. The model keeps the relationship; only the constraint goes.
            migrationBuilder.DropForeignKey(name: "FK_recall_members_recall_cases_recall_case_id", table: "recall_members");
            // Likewise a case refers to a pool tube the same use case just read; checking it row by row locked every
            // pool tube (FOR KEY SHARE) and cost more than the row itself. Tubes are never deleted.
            migrationBuilder.DropForeignKey(name: "FK_recall_cases_tubes_pool_tube_id", table: "recall_cases");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddForeignKey(name: "FK_recall_cases_tubes_pool_tube_id", table: "recall_cases", column: "pool_tube_id",
                principalTable: "tubes", principalColumn: "id", onDelete: ReferentialAction.Restrict);
            migrationBuilder.AddForeignKey(name: "FK_recall_members_recall_cases_recall_case_id", table: "recall_members", column: "recall_case_id",
                principalTable: "recall_cases", principalColumn: "id", onDelete: ReferentialAction.Cascade);

            migrationBuilder.DropIndex(
                name: "IX_tubes_status_call",
                table: "tubes");

            migrationBuilder.CreateIndex(
                name: "IX_recall_members_person_lookup_hash",
                table: "recall_members",
                column: "person_lookup_hash");
        }
    }
}
