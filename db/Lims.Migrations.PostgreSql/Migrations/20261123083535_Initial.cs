using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Lims.Migrations.PostgreSql.Migrations
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
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(32)", unicode: false, maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", unicode: false, maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_submitters", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    submitter_id = table.Column<Guid>(type: "uuid", nullable: false),
                    hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    prefix = table.Column<string>(type: "character varying(16)", unicode: false, maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    submitter_id = table.Column<Guid>(type: "uuid", nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    request_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    accepted = table.Column<int>(type: "integer", nullable: false),
                    rejected = table.Column<int>(type: "integer", nullable: false),
                    receipt = table.Column<string>(type: "text", nullable: false)
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
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    barcode = table.Column<string>(type: "character varying(32)", unicode: false, maxLength: 32, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", unicode: false, maxLength: 16, nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: false),
                    submitter_id = table.Column<Guid>(type: "uuid", nullable: false),
                    submission_id = table.Column<Guid>(type: "uuid", nullable: false),
                    collected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    site = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    priority = table.Column<string>(type: "character varying(16)", unicode: false, maxLength: 16, nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", unicode: false, maxLength: 16, nullable: false),
                    call = table.Column<string>(type: "character varying(16)", unicode: false, maxLength: 16, nullable: true),
                    retest_count = table.Column<int>(type: "integer", nullable: false),
                    at_risk_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    from_status = table.Column<string>(type: "character varying(16)", unicode: false, maxLength: 16, nullable: true),
                    to_status = table.Column<string>(type: "character varying(16)", unicode: false, maxLength: 16, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    tube_id = table.Column<Guid>(type: "uuid", nullable: false)
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
                    position = table.Column<int>(type: "integer", nullable: false),
                    tube_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id_type = table.Column<string>(type: "character varying(16)", unicode: false, maxLength: 16, nullable: false),
                    id_cipher = table.Column<byte[]>(type: "bytea", maxLength: 128, nullable: false),
                    id_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    id_masked = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    phone = table.Column<string>(type: "character varying(32)", unicode: false, maxLength: 32, nullable: true)
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
