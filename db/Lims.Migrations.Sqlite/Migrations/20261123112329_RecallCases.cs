using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lims.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RecallCases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "recall_cases",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    pool_tube_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    pool_barcode = table.Column<string>(type: "TEXT", unicode: false, maxLength: 32, nullable: false),
                    submitter_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    site = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    opened_at = table.Column<long>(type: "INTEGER", nullable: false),
                    due_at = table.Column<long>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", unicode: false, maxLength: 16, nullable: false),
                    closed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    overdue_since = table.Column<long>(type: "INTEGER", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recall_cases", x => x.id);
                    table.ForeignKey(
                        name: "FK_recall_cases_submitters_submitter_id",
                        column: x => x.submitter_id,
                        principalTable: "submitters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_recall_cases_tubes_pool_tube_id",
                        column: x => x.pool_tube_id,
                        principalTable: "tubes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "recall_members",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    person_masked = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    person_lookup_hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    order_barcode = table.Column<string>(type: "TEXT", unicode: false, maxLength: 32, nullable: false),
                    result = table.Column<string>(type: "TEXT", unicode: false, maxLength: 16, nullable: true),
                    result_tube = table.Column<string>(type: "TEXT", unicode: false, maxLength: 32, nullable: true),
                    result_at = table.Column<long>(type: "INTEGER", nullable: true),
                    recall_case_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recall_members", x => x.id);
                    table.ForeignKey(
                        name: "FK_recall_members_recall_cases_recall_case_id",
                        column: x => x.recall_case_id,
                        principalTable: "recall_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_recall_cases_pool_tube_id",
                table: "recall_cases",
                column: "pool_tube_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_recall_cases_status_due_at",
                table: "recall_cases",
                columns: new[] { "status", "due_at" });

            migrationBuilder.CreateIndex(
                name: "IX_recall_cases_submitter_id",
                table: "recall_cases",
                column: "submitter_id");

            migrationBuilder.CreateIndex(
                name: "IX_recall_members_order_barcode",
                table: "recall_members",
                column: "order_barcode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_recall_members_person_lookup_hash",
                table: "recall_members",
                column: "person_lookup_hash");

            migrationBuilder.CreateIndex(
                name: "IX_recall_members_recall_case_id",
                table: "recall_members",
                column: "recall_case_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "recall_members");

            migrationBuilder.DropTable(
                name: "recall_cases");
        }
    }
}
