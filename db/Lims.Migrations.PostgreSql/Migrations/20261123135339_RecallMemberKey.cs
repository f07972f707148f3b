using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Lims.Migrations.PostgreSql.Migrations
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

            migrationBuilder.AlterColumn<string>(
                name: "order_barcode",
                table: "recall_members",
                type: "character varying(32)",
                unicode: false,
                maxLength: 32,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldUnicode: false,
                oldMaxLength: 32);

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

            migrationBuilder.AlterColumn<string>(
                name: "order_barcode",
                table: "recall_members",
                type: "character varying(32)",
                unicode: false,
                maxLength: 32,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldUnicode: false,
                oldMaxLength: 32,
                oldCollation: "C");

            migrationBuilder.AddColumn<long>(
                name: "id",
                table: "recall_members",
                type: "bigint",
                nullable: false)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

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
