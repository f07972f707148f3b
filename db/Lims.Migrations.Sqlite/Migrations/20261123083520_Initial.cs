using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lims.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "submitters",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", unicode: false, maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "TEXT", unicode: false, maxLength: 16, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_submitters", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    submitter_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    prefix = table.Column<string>(type: "TEXT", unicode: false, maxLength: 16, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    revoked_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_keys", x => x.id);
                    table.ForeignKey(
                        name: "FK_api_keys_submitters_submitter_id",
                        column: x => x.submitter_id,
                        principalTable: "submitters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "submissions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    submitter_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    idempotency_key = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    request_hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    received_at = table.Column<long>(type: "INTEGER", nullable: false),
                    accepted = table.Column<int>(type: "INTEGER", nullable: false),
                    rejected = table.Column<int>(type: "INTEGER", nullable: false),
                    receipt = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_submissions", x => x.id);
                    table.ForeignKey(
                        name: "FK_submissions_submitters_submitter_id",
                        column: x => x.submitter_id,
                        principalTable: "submitters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "tubes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    barcode = table.Column<string>(type: "TEXT", unicode: false, maxLength: 32, nullable: false),
                    kind = table.Column<string>(type: "TEXT", unicode: false, maxLength: 16, nullable: false),
                    capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    submitter_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    submission_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    collected_at = table.Column<long>(type: "INTEGER", nullable: false),
                    site = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    priority = table.Column<string>(type: "TEXT", unicode: false, maxLength: 16, nullable: false),
                    due_at = table.Column<long>(type: "INTEGER", nullable: false),
                    registered_at = table.Column<long>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", unicode: false, maxLength: 16, nullable: false),
                    call = table.Column<string>(type: "TEXT", unicode: false, maxLength: 16, nullable: true),
                    retest_count = table.Column<int>(type: "INTEGER", nullable: false),
                    at_risk_since = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tubes", x => x.id);
                    table.ForeignKey(
                        name: "FK_tubes_submissions_submission_id",
                        column: x => x.submission_id,
                        principalTable: "submissions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_tubes_submitters_submitter_id",
                        column: x => x.submitter_id,
                        principalTable: "submitters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "tube_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    from_status = table.Column<string>(type: "TEXT", unicode: false, maxLength: 16, nullable: true),
                    to_status = table.Column<string>(type: "TEXT", unicode: false, maxLength: 16, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    tube_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tube_events", x => x.id);
                    table.ForeignKey(
                        name: "FK_tube_events_tubes_tube_id",
                        column: x => x.tube_id,
                        principalTable: "tubes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "tube_members",
                columns: table => new
                {
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    tube_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    id_type = table.Column<string>(type: "TEXT", unicode: false, maxLength: 16, nullable: false),
                    id_cipher = table.Column<byte[]>(type: "BLOB", maxLength: 128, nullable: false),
                    id_hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    id_masked = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    phone = table.Column<string>(type: "TEXT", unicode: false, maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tube_members", x => new { x.tube_id, x.position });
                    table.ForeignKey(
                        name: "FK_tube_members_tubes_tube_id",
                        column: x => x.tube_id,
                        principalTable: "tubes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_api_keys_hash",
                table: "api_keys",
                column: "hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_api_keys_submitter_id",
                table: "api_keys",
                column: "submitter_id");

            migrationBuilder.CreateIndex(
                name: "IX_submissions_submitter_id_idempotency_key",
                table: "submissions",
                columns: new[] { "submitter_id", "idempotency_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_submitters_code",
                table: "submitters",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_tube_events_tube_id",
                table: "tube_events",
                column: "tube_id");

            migrationBuilder.CreateIndex(
                name: "IX_tube_members_id_hash",
                table: "tube_members",
                column: "id_hash");

            migrationBuilder.CreateIndex(
                name: "IX_tubes_barcode",
                table: "tubes",
                column: "barcode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_tubes_due_at",
                table: "tubes",
                column: "due_at");

            migrationBuilder.CreateIndex(
                name: "IX_tubes_submission_id",
                table: "tubes",
                column: "submission_id");

            migrationBuilder.CreateIndex(
                name: "IX_tubes_submitter_id",
                table: "tubes",
                column: "submitter_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "tube_events");

            migrationBuilder.DropTable(
                name: "tube_members");

            migrationBuilder.DropTable(
                name: "tubes");

            migrationBuilder.DropTable(
                name: "submissions");

            migrationBuilder.DropTable(
                name: "submitters");
        }
    }
}
