using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Lims.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Inactivation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "inactivation_batches",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(32)", unicode: false, maxLength: 32, nullable: false),
                    method = table.Column<string>(type: "character varying(16)", unicode: false, maxLength: 16, nullable: false),
                    equipment = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    @operator = table.Column<string>(name: "operator", type: "character varying(100)", maxLength: 100, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    status = table.Column<string>(type: "character varying(16)", unicode: false, maxLength: 16, nullable: false),
                    override_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    completed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    overdue_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inactivation_batches", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inactivation_tubes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tube_id = table.Column<Guid>(type: "uuid", nullable: false),
                    barcode = table.Column<string>(type: "character varying(32)", unicode: false, maxLength: 32, nullable: false),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inactivation_tubes", x => x.id);
                    table.ForeignKey(
                        name: "FK_inactivation_tubes_inactivation_batches_batch_id",
                        column: x => x.batch_id,
                        principalTable: "inactivation_batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_inactivation_tubes_tubes_tube_id",
                        column: x => x.tube_id,
                        principalTable: "tubes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_inactivation_batches_code",
                table: "inactivation_batches",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_inactivation_batches_status_started_at",
                table: "inactivation_batches",
                columns: new[] { "status", "started_at" });

            migrationBuilder.CreateIndex(
                name: "IX_inactivation_tubes_batch_id",
                table: "inactivation_tubes",
                column: "batch_id");

            migrationBuilder.CreateIndex(
                name: "IX_inactivation_tubes_tube_id",
                table: "inactivation_tubes",
                column: "tube_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inactivation_tubes");

            migrationBuilder.DropTable(
                name: "inactivation_batches");
        }
    }
}
