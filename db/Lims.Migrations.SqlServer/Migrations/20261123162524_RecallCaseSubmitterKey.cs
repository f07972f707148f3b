using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lims.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class RecallCaseSubmitterKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Hand-written, like RecallBulkPath: a case's submitter is the pool tube's, read by the same use case; checking it
            // row by row cost ~4 µs a case (~100 ms of a day's pass of 26,000 cases) and nothing else. Submitters are never
            // deleted. The model keeps the relationship; only the constraint goes.
            migrationBuilder.DropForeignKey(name: "FK_recall_cases_submitters_submitter_id", table: "recall_cases");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddForeignKey(name: "FK_recall_cases_submitters_submitter_id", table: "recall_cases", column: "submitter_id",
                principalTable: "submitters", principalColumn: "id", onDelete: ReferentialAction.Restrict);
        }
    }
}
