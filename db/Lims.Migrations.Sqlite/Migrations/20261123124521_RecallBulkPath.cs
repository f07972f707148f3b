using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lims.Migrations.Sqlite.Migrations
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
