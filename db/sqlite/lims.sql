CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "assay_kits" (
    "id" TEXT NOT NULL CONSTRAINT "PK_assay_kits" PRIMARY KEY,
    "code" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "definition" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "created_by" TEXT NOT NULL
);

CREATE TABLE "audit_chain_head" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_audit_chain_head" PRIMARY KEY,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL
);

CREATE TABLE "audit_events" (
    "seq" INTEGER NOT NULL CONSTRAINT "PK_audit_events" PRIMARY KEY,
    "at" INTEGER NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "before" TEXT NULL,
    "after" TEXT NULL,
    "reason" TEXT NULL,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL
);

CREATE TABLE "barcode_ranges" (
    "id" TEXT NOT NULL CONSTRAINT "PK_barcode_ranges" PRIMARY KEY,
    "prefix" TEXT NOT NULL,
    "first" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "issued_at" INTEGER NOT NULL,
    "issued_by" TEXT NOT NULL,
    "purpose" TEXT NULL,
    "idempotency_key" TEXT NULL
);

CREATE TABLE "data_protection_keys" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_data_protection_keys" PRIMARY KEY AUTOINCREMENT,
    "friendly_name" TEXT NULL,
    "xml" TEXT NULL
);

CREATE TABLE "inactivation_batches" (
    "id" TEXT NOT NULL CONSTRAINT "PK_inactivation_batches" PRIMARY KEY,
    "code" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "equipment" TEXT NOT NULL,
    "operator" TEXT NOT NULL,
    "started_at" INTEGER NOT NULL,
    "ended_at" INTEGER NULL,
    "status" TEXT NOT NULL,
    "override_reason" TEXT NULL,
    "completed_by" TEXT NULL,
    "overdue_since" INTEGER NULL,
    "version" INTEGER NOT NULL
);

CREATE TABLE "lookup_results" (
    "person_hash" BLOB NOT NULL CONSTRAINT "PK_lookup_results" PRIMARY KEY,
    "payload" TEXT NOT NULL,
    "last_cursor" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL
);

CREATE TABLE "plates" (
    "id" TEXT NOT NULL CONSTRAINT "PK_plates" PRIMARY KEY,
    "barcode" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "kit_code" TEXT NOT NULL,
    "kit_version" TEXT NOT NULL,
    "fill_order" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "created_by" TEXT NOT NULL,
    "sealed_at" INTEGER NULL,
    "sealed_by" TEXT NULL,
    "interpreted_at" INTEGER NULL,
    "version" INTEGER NOT NULL
);

CREATE TABLE "result_cursor" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_result_cursor" PRIMARY KEY,
    "last_cursor" INTEGER NOT NULL
);

CREATE TABLE "run_files" (
    "sha256" TEXT NOT NULL CONSTRAINT "PK_run_files" PRIMARY KEY,
    "content" BLOB NOT NULL
);

CREATE TABLE "staff_users" (
    "id" TEXT NOT NULL CONSTRAINT "PK_staff_users" PRIMARY KEY,
    "user_name" TEXT NOT NULL,
    "normalized_user_name" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "password_hash" TEXT NULL,
    "security_stamp" TEXT NOT NULL,
    "concurrency_stamp" TEXT NOT NULL,
    "access_failed_count" INTEGER NOT NULL,
    "lockout_enabled" INTEGER NOT NULL,
    "lockout_end" INTEGER NULL,
    "created_at" INTEGER NOT NULL,
    "created_by" TEXT NOT NULL
);

CREATE TABLE "submitters" (
    "id" TEXT NOT NULL CONSTRAINT "PK_submitters" PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL
);

CREATE TABLE "plate_reviews" (
    "id" TEXT NOT NULL CONSTRAINT "PK_plate_reviews" PRIMARY KEY,
    "plate_id" TEXT NOT NULL,
    "plate_barcode" TEXT NOT NULL,
    "run_id" TEXT NOT NULL,
    "qc_passed" INTEGER NOT NULL,
    "opened_at" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "done_at" INTEGER NULL,
    "version" INTEGER NOT NULL,
    "plate_actors" TEXT NOT NULL,
    CONSTRAINT "FK_plate_reviews_plates_plate_id" FOREIGN KEY ("plate_id") REFERENCES "plates" ("id") ON DELETE RESTRICT
);

CREATE TABLE "plate_runs" (
    "id" TEXT NOT NULL CONSTRAINT "PK_plate_runs" PRIMARY KEY,
    "plate_id" TEXT NOT NULL,
    "plate_barcode" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "file_length" INTEGER NOT NULL,
    "format" TEXT NOT NULL,
    "instrument" TEXT NULL,
    "kit_code" TEXT NOT NULL,
    "kit_version" TEXT NOT NULL,
    "qc_passed" INTEGER NOT NULL,
    "qc_reasons" TEXT NOT NULL,
    "imported_at" INTEGER NOT NULL,
    "imported_by" TEXT NOT NULL,
    CONSTRAINT "FK_plate_runs_plates_plate_id" FOREIGN KEY ("plate_id") REFERENCES "plates" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_plate_runs_run_files_sha256" FOREIGN KEY ("sha256") REFERENCES "run_files" ("sha256") ON DELETE RESTRICT
);

CREATE TABLE "api_keys" (
    "id" TEXT NOT NULL CONSTRAINT "PK_api_keys" PRIMARY KEY,
    "role" TEXT NOT NULL,
    "submitter_id" TEXT NULL,
    "station" TEXT NULL,
    "hash" BLOB NOT NULL,
    "prefix" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "revoked_at" INTEGER NULL,
    CONSTRAINT "FK_api_keys_submitters_submitter_id" FOREIGN KEY ("submitter_id") REFERENCES "submitters" ("id") ON DELETE RESTRICT
);

CREATE TABLE "boxes" (
    "id" TEXT NOT NULL CONSTRAINT "PK_boxes" PRIMARY KEY,
    "barcode" TEXT NOT NULL,
    "submitter_id" TEXT NOT NULL,
    "declared_count" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "shipped_at" INTEGER NOT NULL,
    "shipped_by" TEXT NOT NULL,
    "receiving_started_at" INTEGER NULL,
    "closed_at" INTEGER NULL,
    "closed_by" TEXT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "FK_boxes_submitters_submitter_id" FOREIGN KEY ("submitter_id") REFERENCES "submitters" ("id") ON DELETE RESTRICT
);

CREATE TABLE "released_tubes" (
    "id" TEXT NOT NULL CONSTRAINT "PK_released_tubes" PRIMARY KEY,
    "cursor" INTEGER NOT NULL,
    "release_id" TEXT NOT NULL,
    "tube_id" TEXT NOT NULL,
    "submitter_id" TEXT NOT NULL,
    "barcode" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "site" TEXT NOT NULL,
    "priority" TEXT NOT NULL,
    "collected_at" INTEGER NOT NULL,
    "due_at" INTEGER NOT NULL,
    "released_at" INTEGER NOT NULL,
    "released_by" TEXT NOT NULL,
    "call" TEXT NOT NULL,
    "kit_code" TEXT NOT NULL,
    "kit_version" TEXT NOT NULL,
    "plate_barcode" TEXT NOT NULL,
    "well" TEXT NOT NULL,
    "targets" TEXT NOT NULL,
    "reviewers" TEXT NOT NULL,
    CONSTRAINT "FK_released_tubes_submitters_submitter_id" FOREIGN KEY ("submitter_id") REFERENCES "submitters" ("id") ON DELETE RESTRICT
);

CREATE TABLE "submissions" (
    "id" TEXT NOT NULL CONSTRAINT "PK_submissions" PRIMARY KEY,
    "submitter_id" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "request_hash" BLOB NOT NULL,
    "reference" TEXT NULL,
    "received_at" INTEGER NOT NULL,
    "accepted" INTEGER NOT NULL,
    "rejected" INTEGER NOT NULL,
    "receipt" TEXT NOT NULL,
    CONSTRAINT "FK_submissions_submitters_submitter_id" FOREIGN KEY ("submitter_id") REFERENCES "submitters" ("id") ON DELETE RESTRICT
);

CREATE TABLE "webhook_deliveries" (
    "id" TEXT NOT NULL CONSTRAINT "PK_webhook_deliveries" PRIMARY KEY,
    "submitter_id" TEXT NOT NULL,
    "release_id" TEXT NOT NULL,
    "results" INTEGER NOT NULL,
    "created_at" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "next_attempt_at" INTEGER NOT NULL,
    "last_attempt_at" INTEGER NULL,
    "last_status" INTEGER NULL,
    "last_error" TEXT NULL,
    "delivered_at" INTEGER NULL,
    "dead_at" INTEGER NULL,
    "retried_at" INTEGER NULL,
    "retried_by" TEXT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "FK_webhook_deliveries_submitters_submitter_id" FOREIGN KEY ("submitter_id") REFERENCES "submitters" ("id") ON DELETE RESTRICT
);

CREATE TABLE "webhook_subscriptions" (
    "id" TEXT NOT NULL CONSTRAINT "PK_webhook_subscriptions" PRIMARY KEY,
    "submitter_id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "FK_webhook_subscriptions_submitters_submitter_id" FOREIGN KEY ("submitter_id") REFERENCES "submitters" ("id") ON DELETE RESTRICT
);

CREATE TABLE "review_items" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_review_items" PRIMARY KEY AUTOINCREMENT,
    "tube_id" TEXT NOT NULL,
    "barcode" TEXT NOT NULL,
    "well" TEXT NOT NULL,
    "call" TEXT NOT NULL,
    "original_call" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "review_id" TEXT NOT NULL,
    CONSTRAINT "FK_review_items_plate_reviews_review_id" FOREIGN KEY ("review_id") REFERENCES "plate_reviews" ("id") ON DELETE CASCADE
);

CREATE TABLE "review_signatures" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_review_signatures" PRIMARY KEY AUTOINCREMENT,
    "sequence" INTEGER NOT NULL,
    "user_name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "meaning" TEXT NOT NULL,
    "signed_at" INTEGER NOT NULL,
    "tube_barcode" TEXT NULL,
    "reason" TEXT NULL,
    "review_id" TEXT NOT NULL,
    CONSTRAINT "FK_review_signatures_plate_reviews_review_id" FOREIGN KEY ("review_id") REFERENCES "plate_reviews" ("id") ON DELETE CASCADE
);

CREATE TABLE "run_wells" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_run_wells" PRIMARY KEY AUTOINCREMENT,
    "position" TEXT NOT NULL,
    "sample" TEXT NULL,
    "role" TEXT NOT NULL,
    "call" TEXT NOT NULL,
    "tube_id" TEXT NULL,
    "tube_barcode" TEXT NULL,
    "outcome" TEXT NULL,
    "reasons" TEXT NOT NULL,
    "targets" TEXT NOT NULL,
    "run_id" TEXT NOT NULL,
    CONSTRAINT "FK_run_wells_plate_runs_run_id" FOREIGN KEY ("run_id") REFERENCES "plate_runs" ("id") ON DELETE CASCADE
);

CREATE TABLE "box_discrepancies" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_box_discrepancies" PRIMARY KEY AUTOINCREMENT,
    "number" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "barcode" TEXT NULL,
    "description" TEXT NOT NULL,
    "resolution" TEXT NULL,
    "resolution_note" TEXT NULL,
    "resolved_at" INTEGER NULL,
    "resolved_by" TEXT NULL,
    "box_id" TEXT NOT NULL,
    CONSTRAINT "FK_box_discrepancies_boxes_box_id" FOREIGN KEY ("box_id") REFERENCES "boxes" ("id") ON DELETE CASCADE
);

CREATE TABLE "box_scans" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_box_scans" PRIMARY KEY AUTOINCREMENT,
    "scan_id" TEXT NOT NULL,
    "barcode" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "at" INTEGER NOT NULL,
    "by" TEXT NOT NULL,
    "box_id" TEXT NOT NULL,
    CONSTRAINT "FK_box_scans_boxes_box_id" FOREIGN KEY ("box_id") REFERENCES "boxes" ("id") ON DELETE CASCADE
);

CREATE TABLE "person_results" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_person_results" PRIMARY KEY AUTOINCREMENT,
    "position" INTEGER NOT NULL,
    "person_lookup_hash" BLOB NOT NULL,
    "masked_id" TEXT NOT NULL,
    "masked_name" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "released_tube_id" TEXT NOT NULL,
    CONSTRAINT "FK_person_results_released_tubes_released_tube_id" FOREIGN KEY ("released_tube_id") REFERENCES "released_tubes" ("id") ON DELETE CASCADE
);

CREATE TABLE "public_health_notifications" (
    "id" TEXT NOT NULL CONSTRAINT "PK_public_health_notifications" PRIMARY KEY,
    "released_tube_id" TEXT NOT NULL,
    "tube_id" TEXT NOT NULL,
    "tube_barcode" TEXT NOT NULL,
    "submitter_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "masked_id" TEXT NOT NULL,
    "released_at" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "last_attempt_at" INTEGER NULL,
    "last_status" INTEGER NULL,
    "last_error" TEXT NULL,
    "sent_at" INTEGER NULL,
    "overdue_since" INTEGER NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "FK_public_health_notifications_released_tubes_released_tube_id" FOREIGN KEY ("released_tube_id") REFERENCES "released_tubes" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_public_health_notifications_submitters_submitter_id" FOREIGN KEY ("submitter_id") REFERENCES "submitters" ("id") ON DELETE RESTRICT
);

CREATE TABLE "tubes" (
    "id" TEXT NOT NULL CONSTRAINT "PK_tubes" PRIMARY KEY,
    "barcode" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "submitter_id" TEXT NOT NULL,
    "submission_id" TEXT NOT NULL,
    "collected_at" INTEGER NOT NULL,
    "site" TEXT NOT NULL,
    "priority" TEXT NOT NULL,
    "due_at" INTEGER NOT NULL,
    "registered_at" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "call" TEXT NULL,
    "retest_count" INTEGER NOT NULL,
    "rejection" TEXT NULL,
    "recollection_required_at" INTEGER NULL,
    "at_risk_since" INTEGER NULL,
    "member_count" INTEGER NOT NULL DEFAULT 0,
    "received_at" INTEGER NULL,
    "inactivated_at" INTEGER NULL,
    "plated_at" INTEGER NULL,
    "amplified_at" INTEGER NULL,
    "interpreted_at" INTEGER NULL,
    "reviewed_at" INTEGER NULL,
    "released_at" INTEGER NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "FK_tubes_submissions_submission_id" FOREIGN KEY ("submission_id") REFERENCES "submissions" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_tubes_submitters_submitter_id" FOREIGN KEY ("submitter_id") REFERENCES "submitters" ("id") ON DELETE RESTRICT
);

CREATE TABLE "box_tubes" (
    "tube_id" TEXT NOT NULL,
    "box_id" TEXT NOT NULL,
    "barcode" TEXT NOT NULL,
    CONSTRAINT "PK_box_tubes" PRIMARY KEY ("box_id", "tube_id"),
    CONSTRAINT "FK_box_tubes_boxes_box_id" FOREIGN KEY ("box_id") REFERENCES "boxes" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_box_tubes_tubes_tube_id" FOREIGN KEY ("tube_id") REFERENCES "tubes" ("id") ON DELETE RESTRICT
);

CREATE TABLE "inactivation_tubes" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_inactivation_tubes" PRIMARY KEY AUTOINCREMENT,
    "tube_id" TEXT NOT NULL,
    "barcode" TEXT NOT NULL,
    "batch_id" TEXT NOT NULL,
    CONSTRAINT "FK_inactivation_tubes_inactivation_batches_batch_id" FOREIGN KEY ("batch_id") REFERENCES "inactivation_batches" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_inactivation_tubes_tubes_tube_id" FOREIGN KEY ("tube_id") REFERENCES "tubes" ("id") ON DELETE RESTRICT
);

CREATE TABLE "plate_wells" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_plate_wells" PRIMARY KEY AUTOINCREMENT,
    "position" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "tube_id" TEXT NULL,
    "tube_barcode" TEXT NULL,
    "control_name" TEXT NULL,
    "plate_id" TEXT NOT NULL,
    CONSTRAINT "FK_plate_wells_plates_plate_id" FOREIGN KEY ("plate_id") REFERENCES "plates" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_plate_wells_tubes_tube_id" FOREIGN KEY ("tube_id") REFERENCES "tubes" ("id") ON DELETE RESTRICT
);

CREATE TABLE "recall_cases" (
    "id" TEXT NOT NULL CONSTRAINT "PK_recall_cases" PRIMARY KEY,
    "pool_tube_id" TEXT NOT NULL,
    "pool_barcode" TEXT NOT NULL,
    "submitter_id" TEXT NOT NULL,
    "site" TEXT NOT NULL,
    "opened_at" INTEGER NOT NULL,
    "due_at" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "closed_at" INTEGER NULL,
    "overdue_since" INTEGER NULL,
    "version" INTEGER NOT NULL,
    "cancel_reason" TEXT NULL,
    CONSTRAINT "FK_recall_cases_submitters_submitter_id" FOREIGN KEY ("submitter_id") REFERENCES "submitters" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_recall_cases_tubes_pool_tube_id" FOREIGN KEY ("pool_tube_id") REFERENCES "tubes" ("id") ON DELETE RESTRICT
);

CREATE TABLE "tube_events" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_tube_events" PRIMARY KEY AUTOINCREMENT,
    "from_status" TEXT NULL,
    "to_status" TEXT NOT NULL,
    "at" INTEGER NOT NULL,
    "actor" TEXT NOT NULL,
    "reason" TEXT NULL,
    "tube_id" TEXT NOT NULL,
    CONSTRAINT "FK_tube_events_tubes_tube_id" FOREIGN KEY ("tube_id") REFERENCES "tubes" ("id") ON DELETE CASCADE
);

CREATE TABLE "tube_members" (
    "position" INTEGER NOT NULL,
    "tube_id" TEXT NOT NULL,
    "id_type" TEXT NOT NULL,
    "id_cipher" BLOB NOT NULL,
    "id_hash" BLOB NOT NULL,
    "id_masked" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT NULL,
    CONSTRAINT "PK_tube_members" PRIMARY KEY ("tube_id", "position"),
    CONSTRAINT "FK_tube_members_tubes_tube_id" FOREIGN KEY ("tube_id") REFERENCES "tubes" ("id") ON DELETE CASCADE
);

CREATE TABLE "recall_members" (
    "position" INTEGER NOT NULL,
    "recall_case_id" TEXT NOT NULL,
    "person_masked" TEXT NOT NULL,
    "person_lookup_hash" BLOB NOT NULL,
    "order_barcode" TEXT NOT NULL,
    "result" TEXT NULL,
    "result_tube" TEXT NULL,
    "result_at" INTEGER NULL,
    CONSTRAINT "PK_recall_members" PRIMARY KEY ("recall_case_id", "position"),
    CONSTRAINT "FK_recall_members_recall_cases_recall_case_id" FOREIGN KEY ("recall_case_id") REFERENCES "recall_cases" ("id") ON DELETE CASCADE
);

INSERT INTO "audit_chain_head" ("id", "hash", "seq")
VALUES (1, '0000000000000000000000000000000000000000000000000000000000000000', 0);
SELECT changes();


INSERT INTO "result_cursor" ("id", "last_cursor")
VALUES (1, 0);
SELECT changes();


CREATE UNIQUE INDEX "IX_api_keys_hash" ON "api_keys" ("hash");

CREATE INDEX "IX_api_keys_submitter_id" ON "api_keys" ("submitter_id");

CREATE UNIQUE INDEX "IX_assay_kits_code_version" ON "assay_kits" ("code", "version");

CREATE INDEX "IX_audit_events_entity_type_entity_id_seq" ON "audit_events" ("entity_type", "entity_id", "seq");

CREATE UNIQUE INDEX "IX_barcode_ranges_idempotency_key" ON "barcode_ranges" ("idempotency_key");

CREATE UNIQUE INDEX "IX_barcode_ranges_prefix_first" ON "barcode_ranges" ("prefix", "first");

CREATE UNIQUE INDEX "IX_box_discrepancies_box_id_number" ON "box_discrepancies" ("box_id", "number");

CREATE UNIQUE INDEX "IX_box_scans_box_id_scan_id" ON "box_scans" ("box_id", "scan_id");

CREATE UNIQUE INDEX "IX_box_tubes_tube_id" ON "box_tubes" ("tube_id");

CREATE UNIQUE INDEX "IX_boxes_barcode" ON "boxes" ("barcode");

CREATE INDEX "IX_boxes_submitter_id" ON "boxes" ("submitter_id");

CREATE UNIQUE INDEX "IX_inactivation_batches_code" ON "inactivation_batches" ("code");

CREATE INDEX "IX_inactivation_batches_status_started_at" ON "inactivation_batches" ("status", "started_at");

CREATE INDEX "IX_inactivation_tubes_batch_id" ON "inactivation_tubes" ("batch_id");

CREATE UNIQUE INDEX "IX_inactivation_tubes_tube_id" ON "inactivation_tubes" ("tube_id");

CREATE INDEX "IX_person_results_person_lookup_hash" ON "person_results" ("person_lookup_hash");

CREATE INDEX "IX_person_results_released_tube_id" ON "person_results" ("released_tube_id");

CREATE UNIQUE INDEX "IX_plate_reviews_plate_barcode" ON "plate_reviews" ("plate_barcode");

CREATE INDEX "IX_plate_reviews_plate_id" ON "plate_reviews" ("plate_id");

CREATE UNIQUE INDEX "IX_plate_reviews_run_id" ON "plate_reviews" ("run_id");

CREATE INDEX "IX_plate_reviews_status_opened_at" ON "plate_reviews" ("status", "opened_at");

CREATE UNIQUE INDEX "IX_plate_runs_plate_barcode" ON "plate_runs" ("plate_barcode");

CREATE UNIQUE INDEX "IX_plate_runs_plate_id" ON "plate_runs" ("plate_id");

CREATE UNIQUE INDEX "IX_plate_runs_sha256" ON "plate_runs" ("sha256");

CREATE INDEX "IX_plate_wells_plate_id" ON "plate_wells" ("plate_id");

CREATE INDEX "IX_plate_wells_tube_id" ON "plate_wells" ("tube_id");

CREATE UNIQUE INDEX "IX_plates_barcode" ON "plates" ("barcode");

CREATE UNIQUE INDEX "IX_public_health_notifications_released_tube_id_position" ON "public_health_notifications" ("released_tube_id", "position");

CREATE INDEX "IX_public_health_notifications_state_released_at" ON "public_health_notifications" ("state", "released_at");

CREATE INDEX "IX_public_health_notifications_submitter_id" ON "public_health_notifications" ("submitter_id");

CREATE UNIQUE INDEX "IX_recall_cases_pool_tube_id" ON "recall_cases" ("pool_tube_id");

CREATE INDEX "IX_recall_cases_status_due_at" ON "recall_cases" ("status", "due_at");

CREATE INDEX "IX_recall_cases_submitter_id" ON "recall_cases" ("submitter_id");

CREATE UNIQUE INDEX "IX_recall_members_order_barcode" ON "recall_members" ("order_barcode");

CREATE UNIQUE INDEX "IX_released_tubes_cursor" ON "released_tubes" ("cursor");

CREATE INDEX "IX_released_tubes_release_id" ON "released_tubes" ("release_id");

CREATE INDEX "IX_released_tubes_submitter_id_cursor" ON "released_tubes" ("submitter_id", "cursor");

CREATE UNIQUE INDEX "IX_released_tubes_tube_id" ON "released_tubes" ("tube_id");

CREATE INDEX "IX_review_items_review_id" ON "review_items" ("review_id");

CREATE INDEX "IX_review_items_tube_id" ON "review_items" ("tube_id");

CREATE INDEX "IX_review_signatures_review_id" ON "review_signatures" ("review_id");

CREATE INDEX "IX_run_wells_run_id" ON "run_wells" ("run_id");

CREATE INDEX "IX_run_wells_tube_id" ON "run_wells" ("tube_id");

CREATE UNIQUE INDEX "IX_staff_users_normalized_user_name" ON "staff_users" ("normalized_user_name");

CREATE UNIQUE INDEX "IX_submissions_submitter_id_idempotency_key" ON "submissions" ("submitter_id", "idempotency_key");

CREATE UNIQUE INDEX "IX_submitters_code" ON "submitters" ("code");

CREATE INDEX "IX_tube_events_tube_id" ON "tube_events" ("tube_id");

CREATE INDEX "IX_tube_members_id_hash" ON "tube_members" ("id_hash");

CREATE UNIQUE INDEX "IX_tubes_barcode" ON "tubes" ("barcode");

CREATE INDEX "IX_tubes_due_at" ON "tubes" ("due_at");

CREATE INDEX "IX_tubes_status_call" ON "tubes" ("status", "call") WHERE status = 'Interpreted';

CREATE INDEX "IX_tubes_submission_id" ON "tubes" ("submission_id");

CREATE INDEX "IX_tubes_submitter_id" ON "tubes" ("submitter_id");

CREATE UNIQUE INDEX "IX_webhook_deliveries_release_id_submitter_id" ON "webhook_deliveries" ("release_id", "submitter_id");

CREATE INDEX "IX_webhook_deliveries_state_next_attempt_at" ON "webhook_deliveries" ("state", "next_attempt_at");

CREATE INDEX "IX_webhook_deliveries_submitter_id_state_created_at" ON "webhook_deliveries" ("submitter_id", "state", "created_at");

CREATE UNIQUE INDEX "IX_webhook_subscriptions_submitter_id" ON "webhook_subscriptions" ("submitter_id");

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: UPDATE is refused'); END;

CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: DELETE is refused'); END;

CREATE TRIGGER audit_chain_head_forward_only BEFORE UPDATE ON audit_chain_head WHEN NEW.id <> OLD.id OR NEW.seq < OLD.seq
BEGIN SELECT RAISE(ABORT, 'audit_chain_head only moves forward'); END;

CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE ON audit_chain_head
BEGIN SELECT RAISE(ABORT, 'audit_chain_head only moves forward: DELETE is refused'); END;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204010932_Baseline', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "recall_cases" RENAME COLUMN "cancel_reason" TO "withdrawn_reason";

ALTER TABLE "webhook_deliveries" ADD "event" TEXT NOT NULL DEFAULT 'ResultsReleased';

ALTER TABLE "webhook_deliveries" ADD "recall_case_id" TEXT NULL;

ALTER TABLE "tube_members" ADD "patient_id" TEXT NULL;

ALTER TABLE "tube_members" ADD "patient_id_system" TEXT NULL;

ALTER TABLE "recall_cases" ADD "visible_at" INTEGER NULL;

ALTER TABLE "person_results" ADD "patient_id" TEXT NULL;

ALTER TABLE "person_results" ADD "patient_id_system" TEXT NULL;

CREATE UNIQUE INDEX "IX_webhook_deliveries_recall_case_id_event" ON "webhook_deliveries" ("recall_case_id", "event");

UPDATE recall_cases SET visible_at = opened_at;

UPDATE recall_cases SET status = 'Withdrawn' WHERE status = 'Cancelled';

CREATE TABLE "ef_temp_webhook_deliveries" (
    "id" TEXT NOT NULL CONSTRAINT "PK_webhook_deliveries" PRIMARY KEY,
    "attempts" INTEGER NOT NULL,
    "created_at" INTEGER NOT NULL,
    "dead_at" INTEGER NULL,
    "delivered_at" INTEGER NULL,
    "event" TEXT NOT NULL,
    "last_attempt_at" INTEGER NULL,
    "last_error" TEXT NULL,
    "last_status" INTEGER NULL,
    "next_attempt_at" INTEGER NOT NULL,
    "recall_case_id" TEXT NULL,
    "release_id" TEXT NULL,
    "results" INTEGER NOT NULL,
    "retried_at" INTEGER NULL,
    "retried_by" TEXT NULL,
    "state" TEXT NOT NULL,
    "submitter_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "FK_webhook_deliveries_submitters_submitter_id" FOREIGN KEY ("submitter_id") REFERENCES "submitters" ("id") ON DELETE RESTRICT
);

INSERT INTO "ef_temp_webhook_deliveries" ("id", "attempts", "created_at", "dead_at", "delivered_at", "event", "last_attempt_at", "last_error", "last_status", "next_attempt_at", "recall_case_id", "release_id", "results", "retried_at", "retried_by", "state", "submitter_id", "version")
SELECT "id", "attempts", "created_at", "dead_at", "delivered_at", "event", "last_attempt_at", "last_error", "last_status", "next_attempt_at", "recall_case_id", "release_id", "results", "retried_at", "retried_by", "state", "submitter_id", "version"
FROM "webhook_deliveries";

COMMIT;

PRAGMA foreign_keys = 0;

BEGIN TRANSACTION;
DROP TABLE "webhook_deliveries";

ALTER TABLE "ef_temp_webhook_deliveries" RENAME TO "webhook_deliveries";

COMMIT;

PRAGMA foreign_keys = 1;

BEGIN TRANSACTION;
CREATE UNIQUE INDEX "IX_webhook_deliveries_recall_case_id_event" ON "webhook_deliveries" ("recall_case_id", "event");

CREATE UNIQUE INDEX "IX_webhook_deliveries_release_id_submitter_id" ON "webhook_deliveries" ("release_id", "submitter_id");

CREATE INDEX "IX_webhook_deliveries_state_next_attempt_at" ON "webhook_deliveries" ("state", "next_attempt_at");

CREATE INDEX "IX_webhook_deliveries_submitter_id_state_created_at" ON "webhook_deliveries" ("submitter_id", "state", "created_at");

COMMIT;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204033044_Signing', '10.0.14');

BEGIN TRANSACTION;
ALTER TABLE "plate_runs" ADD "qc_notes" TEXT NOT NULL DEFAULT ('[]');

ALTER TABLE "inactivation_batches" ADD "override_signed_at" INTEGER NULL;

ALTER TABLE "inactivation_batches" ADD "override_signed_by" TEXT NULL;

ALTER TABLE "inactivation_batches" ADD "override_signer_role" TEXT NULL;

ALTER TABLE "inactivation_batches" ADD "started_by" TEXT NOT NULL DEFAULT '';

UPDATE inactivation_batches SET started_by = "operator";

ALTER TABLE "barcode_ranges" ADD "submitter_id" TEXT NULL;

CREATE INDEX "IX_barcode_ranges_submitter_id" ON "barcode_ranges" ("submitter_id");

CREATE TABLE "ef_temp_barcode_ranges" (
    "id" TEXT NOT NULL CONSTRAINT "PK_barcode_ranges" PRIMARY KEY,
    "count" INTEGER NOT NULL,
    "first" INTEGER NOT NULL,
    "idempotency_key" TEXT NULL,
    "issued_at" INTEGER NOT NULL,
    "issued_by" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "last" INTEGER NOT NULL,
    "prefix" TEXT NOT NULL,
    "purpose" TEXT NULL,
    "submitter_id" TEXT NULL,
    CONSTRAINT "FK_barcode_ranges_submitters_submitter_id" FOREIGN KEY ("submitter_id") REFERENCES "submitters" ("id") ON DELETE RESTRICT
);

INSERT INTO "ef_temp_barcode_ranges" ("id", "count", "first", "idempotency_key", "issued_at", "issued_by", "kind", "last", "prefix", "purpose", "submitter_id")
SELECT "id", "count", "first", "idempotency_key", "issued_at", "issued_by", "kind", "last", "prefix", "purpose", "submitter_id"
FROM "barcode_ranges";

COMMIT;

PRAGMA foreign_keys = 0;

BEGIN TRANSACTION;
DROP TABLE "barcode_ranges";

ALTER TABLE "ef_temp_barcode_ranges" RENAME TO "barcode_ranges";

COMMIT;

PRAGMA foreign_keys = 1;

BEGIN TRANSACTION;
CREATE UNIQUE INDEX "IX_barcode_ranges_idempotency_key" ON "barcode_ranges" ("idempotency_key");

CREATE UNIQUE INDEX "IX_barcode_ranges_prefix_first" ON "barcode_ranges" ("prefix", "first");

CREATE INDEX "IX_barcode_ranges_submitter_id" ON "barcode_ranges" ("submitter_id");

COMMIT;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204033856_Bench', '10.0.14');

BEGIN TRANSACTION;
ALTER TABLE "staff_users" ADD "disabled_at" INTEGER NULL;

CREATE TABLE "staff_sign_in_failures" (
    "user_id" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "last_attempt_at" INTEGER NOT NULL,
    "locked_until" INTEGER NULL,
    CONSTRAINT "PK_staff_sign_in_failures" PRIMARY KEY ("user_id", "origin"),
    CONSTRAINT "FK_staff_sign_in_failures_staff_users_user_id" FOREIGN KEY ("user_id") REFERENCES "staff_users" ("id") ON DELETE CASCADE
);

CREATE TABLE "ef_temp_staff_users" (
    "id" TEXT NOT NULL CONSTRAINT "PK_staff_users" PRIMARY KEY,
    "concurrency_stamp" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "created_by" TEXT NOT NULL,
    "disabled_at" INTEGER NULL,
    "display_name" TEXT NOT NULL,
    "normalized_user_name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "security_stamp" TEXT NOT NULL,
    "user_name" TEXT NOT NULL
);

INSERT INTO "ef_temp_staff_users" ("id", "concurrency_stamp", "created_at", "created_by", "disabled_at", "display_name", "normalized_user_name", "password_hash", "role", "security_stamp", "user_name")
SELECT "id", "concurrency_stamp", "created_at", "created_by", "disabled_at", "display_name", "normalized_user_name", IFNULL("password_hash", ''), "role", "security_stamp", "user_name"
FROM "staff_users";

COMMIT;

PRAGMA foreign_keys = 0;

BEGIN TRANSACTION;
DROP TABLE "staff_users";

ALTER TABLE "ef_temp_staff_users" RENAME TO "staff_users";

COMMIT;

PRAGMA foreign_keys = 1;

BEGIN TRANSACTION;
CREATE UNIQUE INDEX "IX_staff_users_normalized_user_name" ON "staff_users" ("normalized_user_name");

COMMIT;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204034706_Credentials', '10.0.14');

BEGIN TRANSACTION;
ALTER TABLE "tube_members" RENAME COLUMN "name" TO "legacy_name";

ALTER TABLE "tube_members" RENAME COLUMN "phone" TO "legacy_phone";

ALTER TABLE "webhook_subscriptions" RENAME COLUMN "secret" TO "legacy_secret";

ALTER TABLE "tube_members" ADD "name_cipher" BLOB NOT NULL DEFAULT X'';

ALTER TABLE "tube_members" ADD "phone_cipher" BLOB NULL;

ALTER TABLE "webhook_subscriptions" ADD "secret_cipher" BLOB NOT NULL DEFAULT X'';

CREATE TABLE "ef_temp_tube_members" (
    "tube_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "id_cipher" BLOB NOT NULL,
    "id_hash" BLOB NOT NULL,
    "id_masked" TEXT NOT NULL,
    "id_type" TEXT NOT NULL,
    "legacy_name" TEXT NULL,
    "legacy_phone" TEXT NULL,
    "name_cipher" BLOB NOT NULL,
    "patient_id" TEXT NULL,
    "patient_id_system" TEXT NULL,
    "phone_cipher" BLOB NULL,
    CONSTRAINT "PK_tube_members" PRIMARY KEY ("tube_id", "position"),
    CONSTRAINT "FK_tube_members_tubes_tube_id" FOREIGN KEY ("tube_id") REFERENCES "tubes" ("id") ON DELETE CASCADE
);

INSERT INTO "ef_temp_tube_members" ("tube_id", "position", "id_cipher", "id_hash", "id_masked", "id_type", "legacy_name", "legacy_phone", "name_cipher", "patient_id", "patient_id_system", "phone_cipher")
SELECT "tube_id", "position", "id_cipher", "id_hash", "id_masked", "id_type", "legacy_name", "legacy_phone", "name_cipher", "patient_id", "patient_id_system", "phone_cipher"
FROM "tube_members";

CREATE TABLE "ef_temp_webhook_subscriptions" (
    "id" TEXT NOT NULL CONSTRAINT "PK_webhook_subscriptions" PRIMARY KEY,
    "created_at" INTEGER NOT NULL,
    "legacy_secret" TEXT NULL,
    "secret_cipher" BLOB NOT NULL,
    "submitter_id" TEXT NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "FK_webhook_subscriptions_submitters_submitter_id" FOREIGN KEY ("submitter_id") REFERENCES "submitters" ("id") ON DELETE RESTRICT
);

INSERT INTO "ef_temp_webhook_subscriptions" ("id", "created_at", "legacy_secret", "secret_cipher", "submitter_id", "updated_at", "url", "version")
SELECT "id", "created_at", "legacy_secret", "secret_cipher", "submitter_id", "updated_at", "url", "version"
FROM "webhook_subscriptions";

COMMIT;

PRAGMA foreign_keys = 0;

BEGIN TRANSACTION;
DROP TABLE "tube_members";

ALTER TABLE "ef_temp_tube_members" RENAME TO "tube_members";

DROP TABLE "webhook_subscriptions";

ALTER TABLE "ef_temp_webhook_subscriptions" RENAME TO "webhook_subscriptions";

COMMIT;

PRAGMA foreign_keys = 1;

BEGIN TRANSACTION;
CREATE INDEX "IX_tube_members_id_hash" ON "tube_members" ("id_hash");

CREATE UNIQUE INDEX "IX_webhook_subscriptions_submitter_id" ON "webhook_subscriptions" ("submitter_id");

COMMIT;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204042917_AtRest', '10.0.14');

