using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lims.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Baseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "assay_kits",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    code = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    version = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    definition = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    created_by = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assay_kits", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_chain_head",
                columns: table => new
                {
                    id = table.Column<int>(type: "int", nullable: false),
                    seq = table.Column<long>(type: "bigint", nullable: false),
                    hash = table.Column<string>(type: "char(64)", unicode: false, fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_chain_head", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_events",
                columns: table => new
                {
                    seq = table.Column<long>(type: "bigint", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    actor = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    action = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    entity_type = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    entity_id = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    before = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    after = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    reason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    prev_hash = table.Column<string>(type: "char(64)", unicode: false, fixedLength: true, maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "char(64)", unicode: false, fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_events", x => x.seq);
                });

            migrationBuilder.CreateTable(
                name: "barcode_ranges",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    prefix = table.Column<string>(type: "varchar(8)", unicode: false, maxLength: 8, nullable: false),
                    first = table.Column<long>(type: "bigint", nullable: false),
                    last = table.Column<long>(type: "bigint", nullable: false),
                    count = table.Column<int>(type: "int", nullable: false),
                    kind = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    issued_by = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    purpose = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    idempotency_key = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_barcode_ranges", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    friendly_name = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    xml = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inactivation_batches",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    code = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: false),
                    method = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    equipment = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    @operator = table.Column<string>(name: "operator", type: "nvarchar(100)", maxLength: 100, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    status = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    override_reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    completed_by = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    overdue_since = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inactivation_batches", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "lookup_results",
                columns: table => new
                {
                    person_hash = table.Column<byte[]>(type: "varbinary(32)", maxLength: 32, nullable: false),
                    payload = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    last_cursor = table.Column<long>(type: "bigint", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lookup_results", x => x.person_hash);
                });

            migrationBuilder.CreateTable(
                name: "plates",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    barcode = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: false),
                    size = table.Column<int>(type: "int", nullable: false),
                    kit_code = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    kit_version = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: false),
                    fill_order = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    created_by = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    sealed_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    sealed_by = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    interpreted_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plates", x => x.id);
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
                name: "run_files",
                columns: table => new
                {
                    sha256 = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "varbinary(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_run_files", x => x.sha256);
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
                name: "submitters",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    code = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_submitters", x => x.id);
                });

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
                name: "plate_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    plate_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    plate_barcode = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: false),
                    file_name = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: false),
                    sha256 = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    file_length = table.Column<long>(type: "bigint", nullable: false),
                    format = table.Column<string>(type: "varchar(40)", unicode: false, maxLength: 40, nullable: false),
                    instrument = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    kit_code = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    kit_version = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: false),
                    qc_passed = table.Column<bool>(type: "bit", nullable: false),
                    qc_reasons = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    imported_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    imported_by = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plate_runs", x => x.id);
                    table.ForeignKey(
                        name: "FK_plate_runs_plates_plate_id",
                        column: x => x.plate_id,
                        principalTable: "plates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_plate_runs_run_files_sha256",
                        column: x => x.sha256,
                        principalTable: "run_files",
                        principalColumn: "sha256",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    role = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    submitter_id = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    station = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: true),
                    hash = table.Column<byte[]>(type: "varbinary(32)", maxLength: 32, nullable: false),
                    prefix = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
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
                name: "boxes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    barcode = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: false),
                    submitter_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    declared_count = table.Column<int>(type: "int", nullable: false),
                    status = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    shipped_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    shipped_by = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    receiving_started_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    closed_by = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_boxes", x => x.id);
                    table.ForeignKey(
                        name: "FK_boxes_submitters_submitter_id",
                        column: x => x.submitter_id,
                        principalTable: "submitters",
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
                name: "submissions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    submitter_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    idempotency_key = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    request_hash = table.Column<byte[]>(type: "varbinary(32)", maxLength: 32, nullable: false),
                    reference = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    received_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    accepted = table.Column<int>(type: "int", nullable: false),
                    rejected = table.Column<int>(type: "int", nullable: false),
                    receipt = table.Column<string>(type: "nvarchar(max)", nullable: false)
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
                name: "run_wells",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    position = table.Column<string>(type: "varchar(3)", unicode: false, maxLength: 3, nullable: false),
                    sample = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    role = table.Column<string>(type: "varchar(24)", unicode: false, maxLength: 24, nullable: false),
                    call = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    tube_id = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    tube_barcode = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: true),
                    outcome = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: true),
                    reasons = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    targets = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    run_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_run_wells", x => x.id);
                    table.ForeignKey(
                        name: "FK_run_wells_plate_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "plate_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "box_discrepancies",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    number = table.Column<int>(type: "int", nullable: false),
                    kind = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    barcode = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: true),
                    description = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    resolution = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: true),
                    resolution_note = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true),
                    resolved_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    resolved_by = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    box_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_box_discrepancies", x => x.id);
                    table.ForeignKey(
                        name: "FK_box_discrepancies_boxes_box_id",
                        column: x => x.box_id,
                        principalTable: "boxes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "box_scans",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    scan_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    barcode = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: false),
                    outcome = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    by = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    box_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_box_scans", x => x.id);
                    table.ForeignKey(
                        name: "FK_box_scans_boxes_box_id",
                        column: x => x.box_id,
                        principalTable: "boxes",
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
                name: "tubes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    barcode = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: false),
                    kind = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    capacity = table.Column<int>(type: "int", nullable: false),
                    submitter_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    submission_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    collected_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    site = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    priority = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    status = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    call = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: true),
                    retest_count = table.Column<int>(type: "int", nullable: false),
                    rejection = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: true),
                    recollection_required_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    at_risk_since = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    member_count = table.Column<int>(type: "int", nullable: false, defaultValue: 0),
                    received_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    inactivated_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    plated_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    amplified_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    interpreted_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    reviewed_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    released_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    version = table.Column<int>(type: "int", nullable: false, defaultValue: 0)
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
                name: "box_tubes",
                columns: table => new
                {
                    tube_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    box_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    barcode = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_box_tubes", x => new { x.box_id, x.tube_id });
                    table.ForeignKey(
                        name: "FK_box_tubes_boxes_box_id",
                        column: x => x.box_id,
                        principalTable: "boxes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_box_tubes_tubes_tube_id",
                        column: x => x.tube_id,
                        principalTable: "tubes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "inactivation_tubes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    tube_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    barcode = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: false),
                    batch_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "plate_wells",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    position = table.Column<string>(type: "varchar(3)", unicode: false, maxLength: 3, nullable: false),
                    role = table.Column<string>(type: "varchar(24)", unicode: false, maxLength: 24, nullable: false),
                    tube_id = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    tube_barcode = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: true),
                    control_name = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    plate_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plate_wells", x => x.id);
                    table.ForeignKey(
                        name: "FK_plate_wells_plates_plate_id",
                        column: x => x.plate_id,
                        principalTable: "plates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_plate_wells_tubes_tube_id",
                        column: x => x.tube_id,
                        principalTable: "tubes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "recall_cases",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    pool_tube_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    pool_barcode = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: false),
                    submitter_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    site = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    status = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    overdue_since = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    version = table.Column<int>(type: "int", nullable: false),
                    cancel_reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true)
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
                name: "tube_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    from_status = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: true),
                    to_status = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    actor = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    tube_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
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
                    position = table.Column<int>(type: "int", nullable: false),
                    tube_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    id_type = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    id_cipher = table.Column<byte[]>(type: "varbinary(128)", maxLength: 128, nullable: false),
                    id_hash = table.Column<byte[]>(type: "varbinary(32)", maxLength: 32, nullable: false),
                    id_masked = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    phone = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: true)
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

            migrationBuilder.CreateTable(
                name: "recall_members",
                columns: table => new
                {
                    position = table.Column<int>(type: "int", nullable: false),
                    recall_case_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    person_masked = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    person_lookup_hash = table.Column<byte[]>(type: "varbinary(32)", maxLength: 32, nullable: false),
                    order_barcode = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: false),
                    result = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: true),
                    result_tube = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: true),
                    result_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recall_members", x => new { x.recall_case_id, x.position });
                    table.ForeignKey(
                        name: "FK_recall_members_recall_cases_recall_case_id",
                        column: x => x.recall_case_id,
                        principalTable: "recall_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "audit_chain_head",
                columns: new[] { "id", "hash", "seq" },
                values: new object[] { 1, "0000000000000000000000000000000000000000000000000000000000000000", 0L });

            migrationBuilder.InsertData(
                table: "result_cursor",
                columns: new[] { "id", "last_cursor" },
                values: new object[] { 1, 0L });

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
                name: "IX_assay_kits_code_version",
                table: "assay_kits",
                columns: new[] { "code", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_entity_type_entity_id_seq",
                table: "audit_events",
                columns: new[] { "entity_type", "entity_id", "seq" });

            migrationBuilder.CreateIndex(
                name: "IX_barcode_ranges_idempotency_key",
                table: "barcode_ranges",
                column: "idempotency_key",
                unique: true,
                filter: "[idempotency_key] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_barcode_ranges_prefix_first",
                table: "barcode_ranges",
                columns: new[] { "prefix", "first" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_box_discrepancies_box_id_number",
                table: "box_discrepancies",
                columns: new[] { "box_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_box_scans_box_id_scan_id",
                table: "box_scans",
                columns: new[] { "box_id", "scan_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_box_tubes_tube_id",
                table: "box_tubes",
                column: "tube_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_boxes_barcode",
                table: "boxes",
                column: "barcode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_boxes_submitter_id",
                table: "boxes",
                column: "submitter_id");

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
                name: "IX_plate_runs_plate_barcode",
                table: "plate_runs",
                column: "plate_barcode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_plate_runs_plate_id",
                table: "plate_runs",
                column: "plate_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_plate_runs_sha256",
                table: "plate_runs",
                column: "sha256",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_plate_wells_plate_id",
                table: "plate_wells",
                column: "plate_id");

            migrationBuilder.CreateIndex(
                name: "IX_plate_wells_tube_id",
                table: "plate_wells",
                column: "tube_id");

            migrationBuilder.CreateIndex(
                name: "IX_plates_barcode",
                table: "plates",
                column: "barcode",
                unique: true);

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
                name: "IX_run_wells_run_id",
                table: "run_wells",
                column: "run_id");

            migrationBuilder.CreateIndex(
                name: "IX_run_wells_tube_id",
                table: "run_wells",
                column: "tube_id");

            migrationBuilder.CreateIndex(
                name: "IX_staff_users_normalized_user_name",
                table: "staff_users",
                column: "normalized_user_name",
                unique: true);

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
                name: "IX_tubes_status_call",
                table: "tubes",
                columns: new[] { "status", "call" },
                filter: "status = 'Interpreted'");

            migrationBuilder.CreateIndex(
                name: "IX_tubes_submission_id",
                table: "tubes",
                column: "submission_id");

            migrationBuilder.CreateIndex(
                name: "IX_tubes_submitter_id",
                table: "tubes",
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

            UpHandWritten(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            DownHandWritten(migrationBuilder);

            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "assay_kits");

            migrationBuilder.DropTable(
                name: "audit_chain_head");

            migrationBuilder.DropTable(
                name: "audit_events");

            migrationBuilder.DropTable(
                name: "barcode_ranges");

            migrationBuilder.DropTable(
                name: "box_discrepancies");

            migrationBuilder.DropTable(
                name: "box_scans");

            migrationBuilder.DropTable(
                name: "box_tubes");

            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "inactivation_tubes");

            migrationBuilder.DropTable(
                name: "lookup_results");

            migrationBuilder.DropTable(
                name: "person_results");

            migrationBuilder.DropTable(
                name: "plate_wells");

            migrationBuilder.DropTable(
                name: "public_health_notifications");

            migrationBuilder.DropTable(
                name: "recall_members");

            migrationBuilder.DropTable(
                name: "result_cursor");

            migrationBuilder.DropTable(
                name: "review_items");

            migrationBuilder.DropTable(
                name: "review_signatures");

            migrationBuilder.DropTable(
                name: "run_wells");

            migrationBuilder.DropTable(
                name: "staff_users");

            migrationBuilder.DropTable(
                name: "tube_events");

            migrationBuilder.DropTable(
                name: "tube_members");

            migrationBuilder.DropTable(
                name: "webhook_deliveries");

            migrationBuilder.DropTable(
                name: "webhook_subscriptions");

            migrationBuilder.DropTable(
                name: "boxes");

            migrationBuilder.DropTable(
                name: "inactivation_batches");

            migrationBuilder.DropTable(
                name: "released_tubes");

            migrationBuilder.DropTable(
                name: "recall_cases");

            migrationBuilder.DropTable(
                name: "plate_reviews");

            migrationBuilder.DropTable(
                name: "plate_runs");

            migrationBuilder.DropTable(
                name: "tubes");

            migrationBuilder.DropTable(
                name: "plates");

            migrationBuilder.DropTable(
                name: "run_files");

            migrationBuilder.DropTable(
                name: "submissions");

            migrationBuilder.DropTable(
                name: "submitters");
        }
    }
}
