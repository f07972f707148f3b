using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lims.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class StaffReviewRelease : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "cancel_reason",
                table: "recall_cases",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "plate_reviews",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    plate_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    plate_barcode = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: false),
                    run_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    qc_passed = table.Column<bool>(type: "bit", nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    status = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: false),
                    done_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    version = table.Column<int>(type: "int", nullable: false),
                    plate_actors = table.Column<string>(type: "nvarchar(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plate_reviews", x => x.id);
                    table.ForeignKey(
                        name: "FK_plate_reviews_plates_plate_id",
                        column: x => x.plate_id,
                        principalTable: "plates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "released_tubes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    cursor = table.Column<long>(type: "bigint", nullable: false),
                    release_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    tube_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    submitter_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    barcode = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: false),
                    kind = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    capacity = table.Column<int>(type: "int", nullable: false),
                    site = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    priority = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    collected_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    released_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    released_by = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    call = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    kit_code = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    kit_version = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    plate_barcode = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: false),
                    well = table.Column<string>(type: "varchar(4)", unicode: false, maxLength: 4, nullable: false),
                    targets = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    reviewers = table.Column<string>(type: "nvarchar(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_released_tubes", x => x.id);
                    table.ForeignKey(
                        name: "FK_released_tubes_submitters_submitter_id",
                        column: x => x.submitter_id,
                        principalTable: "submitters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "result_cursor",
                columns: table => new
                {
                    id = table.Column<int>(type: "int", nullable: false),
                    last_cursor = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_result_cursor", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "staff_users",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    user_name = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    normalized_user_name = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    display_name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    role = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    password_hash = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    security_stamp = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    concurrency_stamp = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    access_failed_count = table.Column<int>(type: "int", nullable: false),
                    lockout_enabled = table.Column<bool>(type: "bit", nullable: false),
                    lockout_end = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    created_by = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_staff_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "review_items",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    tube_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    barcode = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: false),
                    well = table.Column<string>(type: "varchar(4)", unicode: false, maxLength: 4, nullable: false),
                    call = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    original_call = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    state = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    review_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_items", x => x.id);
                    table.ForeignKey(
                        name: "FK_review_items_plate_reviews_review_id",
                        column: x => x.review_id,
                        principalTable: "plate_reviews",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "review_signatures",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    sequence = table.Column<int>(type: "int", nullable: false),
                    user_name = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    role = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    meaning = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    signed_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    tube_barcode = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: true),
                    reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    review_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_signatures", x => x.id);
                    table.ForeignKey(
                        name: "FK_review_signatures_plate_reviews_review_id",
                        column: x => x.review_id,
                        principalTable: "plate_reviews",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "person_results",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    position = table.Column<int>(type: "int", nullable: false),
                    person_lookup_hash = table.Column<byte[]>(type: "varbinary(32)", maxLength: 32, nullable: false),
                    masked_id = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    masked_name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    outcome = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    released_tube_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_person_results", x => x.id);
                    table.ForeignKey(
                        name: "FK_person_results_released_tubes_released_tube_id",
                        column: x => x.released_tube_id,
                        principalTable: "released_tubes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "result_cursor",
                columns: new[] { "id", "last_cursor" },
                values: new object[] { 1, 0L });

            migrationBuilder.CreateIndex(
                name: "IX_person_results_person_lookup_hash",
                table: "person_results",
                column: "person_lookup_hash");

            migrationBuilder.CreateIndex(
                name: "IX_person_results_released_tube_id",
                table: "person_results",
                column: "released_tube_id");

            migrationBuilder.CreateIndex(
                name: "IX_plate_reviews_plate_barcode",
                table: "plate_reviews",
                column: "plate_barcode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_plate_reviews_plate_id",
                table: "plate_reviews",
                column: "plate_id");

            migrationBuilder.CreateIndex(
                name: "IX_plate_reviews_run_id",
                table: "plate_reviews",
                column: "run_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_plate_reviews_status_opened_at",
                table: "plate_reviews",
                columns: new[] { "status", "opened_at" });

            migrationBuilder.CreateIndex(
                name: "IX_released_tubes_cursor",
                table: "released_tubes",
                column: "cursor",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_released_tubes_release_id",
                table: "released_tubes",
                column: "release_id");

            migrationBuilder.CreateIndex(
                name: "IX_released_tubes_submitter_id_cursor",
                table: "released_tubes",
                columns: new[] { "submitter_id", "cursor" });

            migrationBuilder.CreateIndex(
                name: "IX_released_tubes_tube_id",
                table: "released_tubes",
                column: "tube_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_review_items_review_id",
                table: "review_items",
                column: "review_id");

            migrationBuilder.CreateIndex(
                name: "IX_review_items_tube_id",
                table: "review_items",
                column: "tube_id");

            migrationBuilder.CreateIndex(
                name: "IX_review_signatures_review_id",
                table: "review_signatures",
                column: "review_id");

            migrationBuilder.CreateIndex(
                name: "IX_staff_users_normalized_user_name",
                table: "staff_users",
                column: "normalized_user_name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "person_results");

            migrationBuilder.DropTable(
                name: "result_cursor");

            migrationBuilder.DropTable(
                name: "review_items");

            migrationBuilder.DropTable(
                name: "review_signatures");

            migrationBuilder.DropTable(
                name: "staff_users");

            migrationBuilder.DropTable(
                name: "released_tubes");

            migrationBuilder.DropTable(
                name: "plate_reviews");

            migrationBuilder.DropColumn(
                name: "cancel_reason",
                table: "recall_cases");
        }
    }
}
