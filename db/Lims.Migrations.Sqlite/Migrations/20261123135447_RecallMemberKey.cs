using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lims.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RecallMemberKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_recall_members",
                table: "recall_members");

            migrationBuilder.DropIndex(
                name: "IX_recall_members_recall_case_id",
                table: "recall_members");

            migrationBuilder.DropColumn(
                name: "id",
                table: "recall_members");

            migrationBuilder.AddPrimaryKey(
                name: "PK_recall_members",
                table: "recall_members",
                columns: new[] { "recall_case_id", "position" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_recall_members",
                table: "recall_members");

            migrationBuilder.AddColumn<long>(
                name: "id",
                table: "recall_members",
                type: "INTEGER",
                nullable: false)
                .Annotation("Sqlite:Autoincrement", true);

            migrationBuilder.AddPrimaryKey(
                name: "PK_recall_members",
                table: "recall_members",
                column: "id");

            migrationBuilder.CreateIndex(
                name: "IX_recall_members_recall_case_id",
                table: "recall_members",
                column: "recall_case_id");
        }
    }
}
