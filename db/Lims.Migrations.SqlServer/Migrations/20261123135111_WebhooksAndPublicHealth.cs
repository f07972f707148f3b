using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lims.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class WebhooksAndPublicHealth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "public_health_notifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    released_tube_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    tube_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    tube_barcode = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: false),
                    submitter_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    position = table.Column<int>(type: "int", nullable: false),
                    masked_id = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    released_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    state = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    attempts = table.Column<int>(type: "int", nullable: false),
                    last_attempt_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    last_status = table.Column<int>(type: "int", nullable: true),
                    last_error = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    sent_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    overdue_since = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_public_health_notifications", x => x.id);
                    table.ForeignKey(
                        name: "FK_public_health_notifications_released_tubes_released_tube_id",
                        column: x => x.released_tube_id,
                        principalTable: "released_tubes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_public_health_notifications_submitters_submitter_id",
                        column: x => x.submitter_id,
                        principalTable: "submitters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "webhook_deliveries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    submitter_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    release_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    results = table.Column<int>(type: "int", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    state = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    attempts = table.Column<int>(type: "int", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    last_attempt_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    last_status = table.Column<int>(type: "int", nullable: true),
                    last_error = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    delivered_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    dead_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    retried_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    retried_by = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_webhook_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "FK_webhook_deliveries_submitters_submitter_id",
                        column: x => x.submitter_id,
                        principalTable: "submitters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "webhook_subscriptions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    submitter_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    url = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    secret = table.Column<string>(type: "varchar(100)", unicode: false, maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_webhook_subscriptions", x => x.id);
                    table.ForeignKey(
                        name: "FK_webhook_subscriptions_submitters_submitter_id",
                        column: x => x.submitter_id,
                        principalTable: "submitters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_public_health_notifications_released_tube_id_position",
                table: "public_health_notifications",
                columns: new[] { "released_tube_id", "position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_public_health_notifications_state_released_at",
                table: "public_health_notifications",
                columns: new[] { "state", "released_at" });

            migrationBuilder.CreateIndex(
                name: "IX_public_health_notifications_submitter_id",
                table: "public_health_notifications",
                column: "submitter_id");

            migrationBuilder.CreateIndex(
                name: "IX_webhook_deliveries_release_id_submitter_id",
                table: "webhook_deliveries",
                columns: new[] { "release_id", "submitter_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_webhook_deliveries_state_next_attempt_at",
                table: "webhook_deliveries",
                columns: new[] { "state", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "IX_webhook_deliveries_submitter_id_state_created_at",
                table: "webhook_deliveries",
                columns: new[] { "submitter_id", "state", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_webhook_subscriptions_submitter_id",
                table: "webhook_subscriptions",
                column: "submitter_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "public_health_notifications");

            migrationBuilder.DropTable(
                name: "webhook_deliveries");

            migrationBuilder.DropTable(
                name: "webhook_subscriptions");
        }
    }
}
