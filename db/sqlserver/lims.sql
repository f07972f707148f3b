IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE TABLE [assay_kits] (
        [id] uniqueidentifier NOT NULL,
        [code] varchar(64) NOT NULL,
        [version] varchar(32) NOT NULL,
        [name] nvarchar(200) NOT NULL,
        [definition] nvarchar(max) NOT NULL,
        [created_at] datetimeoffset NOT NULL,
        [created_by] nvarchar(100) NOT NULL,
        CONSTRAINT [PK_assay_kits] PRIMARY KEY ([id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE TABLE [audit_chain_head] (
        [id] int NOT NULL,
        [seq] bigint NOT NULL,
        [hash] char(64) NOT NULL,
        CONSTRAINT [PK_audit_chain_head] PRIMARY KEY ([id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE TABLE [audit_events] (
        [seq] bigint NOT NULL,
        [at] datetimeoffset NOT NULL,
        [actor] nvarchar(200) NOT NULL,
        [action] nvarchar(64) NOT NULL,
        [entity_type] varchar(64) NOT NULL,
        [entity_id] nvarchar(200) NOT NULL,
        [before] nvarchar(max) NULL,
        [after] nvarchar(max) NULL,
        [reason] nvarchar(1000) NULL,
        [prev_hash] char(64) NOT NULL,
        [hash] char(64) NOT NULL,
        CONSTRAINT [PK_audit_events] PRIMARY KEY ([seq])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE TABLE [barcode_ranges] (
        [id] uniqueidentifier NOT NULL,
        [prefix] varchar(8) NOT NULL,
        [first] bigint NOT NULL,
        [last] bigint NOT NULL,
        [count] int NOT NULL,
        [kind] varchar(16) NOT NULL,
        [issued_at] datetimeoffset NOT NULL,
        [issued_by] nvarchar(100) NOT NULL,
        [purpose] nvarchar(200) NULL,
        [idempotency_key] nvarchar(128) NULL,
        CONSTRAINT [PK_barcode_ranges] PRIMARY KEY ([id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE TABLE [data_protection_keys] (
        [id] int NOT NULL IDENTITY,
        [friendly_name] nvarchar(max) NULL,
        [xml] nvarchar(max) NULL,
        CONSTRAINT [PK_data_protection_keys] PRIMARY KEY ([id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE TABLE [inactivation_batches] (
        [id] uniqueidentifier NOT NULL,
        [code] varchar(32) NOT NULL,
        [method] varchar(16) NOT NULL,
        [equipment] nvarchar(100) NOT NULL,
        [operator] nvarchar(100) NOT NULL,
        [started_at] datetimeoffset NOT NULL,
        [ended_at] datetimeoffset NULL,
        [status] varchar(16) NOT NULL,
        [override_reason] nvarchar(500) NULL,
        [completed_by] nvarchar(100) NULL,
        [overdue_since] datetimeoffset NULL,
        [version] int NOT NULL,
        CONSTRAINT [PK_inactivation_batches] PRIMARY KEY ([id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE TABLE [lookup_results] (
        [person_hash] varbinary(32) NOT NULL,
        [payload] nvarchar(max) NOT NULL,
        [last_cursor] bigint NOT NULL,
        [updated_at] datetimeoffset NOT NULL,
        CONSTRAINT [PK_lookup_results] PRIMARY KEY ([person_hash])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE TABLE [plates] (
        [id] uniqueidentifier NOT NULL,
        [barcode] varchar(32) NOT NULL,
        [size] int NOT NULL,
        [kit_code] varchar(64) NOT NULL,
        [kit_version] varchar(32) NOT NULL,
        [fill_order] varchar(16) NOT NULL,
        [status] varchar(16) NOT NULL,
        [created_at] datetimeoffset NOT NULL,
        [created_by] nvarchar(100) NOT NULL,
        [sealed_at] datetimeoffset NULL,
        [sealed_by] nvarchar(100) NULL,
        [interpreted_at] datetimeoffset NULL,
        [version] int NOT NULL,
        CONSTRAINT [PK_plates] PRIMARY KEY ([id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE TABLE [result_cursor] (
        [id] int NOT NULL,
        [last_cursor] bigint NOT NULL,
        CONSTRAINT [PK_result_cursor] PRIMARY KEY ([id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE TABLE [run_files] (
        [sha256] varchar(64) NOT NULL,
        [content] varbinary(max) NOT NULL,
        CONSTRAINT [PK_run_files] PRIMARY KEY ([sha256])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE TABLE [staff_users] (
        [id] uniqueidentifier NOT NULL,
        [user_name] nvarchar(64) NOT NULL,
        [normalized_user_name] nvarchar(64) NOT NULL,
        [display_name] nvarchar(200) NOT NULL,
        [role] varchar(16) NOT NULL,
        [password_hash] nvarchar(200) NULL,
        [security_stamp] nvarchar(64) NOT NULL,
        [concurrency_stamp] nvarchar(64) NOT NULL,
        [access_failed_count] int NOT NULL,
        [lockout_enabled] bit NOT NULL,
        [lockout_end] datetimeoffset NULL,
        [created_at] datetimeoffset NOT NULL,
        [created_by] nvarchar(100) NOT NULL,
        CONSTRAINT [PK_staff_users] PRIMARY KEY ([id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE TABLE [submitters] (
        [id] uniqueidentifier NOT NULL,
        [code] varchar(32) NOT NULL,
        [name] nvarchar(200) NOT NULL,
        [kind] varchar(16) NOT NULL,
        [created_at] datetimeoffset NOT NULL,
        CONSTRAINT [PK_submitters] PRIMARY KEY ([id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE TABLE [plate_reviews] (
        [id] uniqueidentifier NOT NULL,
        [plate_id] uniqueidentifier NOT NULL,
        [plate_barcode] varchar(32) NOT NULL,
        [run_id] uniqueidentifier NOT NULL,
        [qc_passed] bit NOT NULL,
        [opened_at] datetimeoffset NOT NULL,
        [status] varchar(32) NOT NULL,
        [done_at] datetimeoffset NULL,
        [version] int NOT NULL,
        [plate_actors] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_plate_reviews] PRIMARY KEY ([id]),
        CONSTRAINT [FK_plate_reviews_plates_plate_id] FOREIGN KEY ([plate_id]) REFERENCES [plates] ([id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE TABLE [plate_runs] (
        [id] uniqueidentifier NOT NULL,
        [plate_id] uniqueidentifier NOT NULL,
        [plate_barcode] varchar(32) NOT NULL,
        [file_name] nvarchar(255) NOT NULL,
        [sha256] varchar(64) NOT NULL,
        [file_length] bigint NOT NULL,
        [format] varchar(40) NOT NULL,
        [instrument] nvarchar(200) NULL,
        [kit_code] varchar(64) NOT NULL,
        [kit_version] varchar(32) NOT NULL,
        [qc_passed] bit NOT NULL,
        [qc_reasons] nvarchar(max) NOT NULL,
        [imported_at] datetimeoffset NOT NULL,
        [imported_by] nvarchar(100) NOT NULL,
        CONSTRAINT [PK_plate_runs] PRIMARY KEY ([id]),
        CONSTRAINT [FK_plate_runs_plates_plate_id] FOREIGN KEY ([plate_id]) REFERENCES [plates] ([id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_plate_runs_run_files_sha256] FOREIGN KEY ([sha256]) REFERENCES [run_files] ([sha256]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE TABLE [api_keys] (
        [id] uniqueidentifier NOT NULL,
        [role] varchar(16) NOT NULL,
        [submitter_id] uniqueidentifier NULL,
        [station] varchar(32) NULL,
        [hash] varbinary(32) NOT NULL,
        [prefix] varchar(16) NOT NULL,
        [created_at] datetimeoffset NOT NULL,
        [revoked_at] datetimeoffset NULL,
        CONSTRAINT [PK_api_keys] PRIMARY KEY ([id]),
        CONSTRAINT [FK_api_keys_submitters_submitter_id] FOREIGN KEY ([submitter_id]) REFERENCES [submitters] ([id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE TABLE [boxes] (
        [id] uniqueidentifier NOT NULL,
        [barcode] varchar(32) NOT NULL,
        [submitter_id] uniqueidentifier NOT NULL,
        [declared_count] int NOT NULL,
        [status] varchar(16) NOT NULL,
        [shipped_at] datetimeoffset NOT NULL,
        [shipped_by] nvarchar(100) NOT NULL,
        [receiving_started_at] datetimeoffset NULL,
        [closed_at] datetimeoffset NULL,
        [closed_by] nvarchar(100) NULL,
        [version] int NOT NULL,
        CONSTRAINT [PK_boxes] PRIMARY KEY ([id]),
        CONSTRAINT [FK_boxes_submitters_submitter_id] FOREIGN KEY ([submitter_id]) REFERENCES [submitters] ([id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE TABLE [released_tubes] (
        [id] uniqueidentifier NOT NULL,
        [cursor] bigint NOT NULL,
        [release_id] uniqueidentifier NOT NULL,
        [tube_id] uniqueidentifier NOT NULL,
        [submitter_id] uniqueidentifier NOT NULL,
        [barcode] varchar(32) NOT NULL,
        [kind] varchar(16) NOT NULL,
        [capacity] int NOT NULL,
        [site] nvarchar(100) NOT NULL,
        [priority] varchar(16) NOT NULL,
        [collected_at] datetimeoffset NOT NULL,
        [due_at] datetimeoffset NOT NULL,
        [released_at] datetimeoffset NOT NULL,
        [released_by] nvarchar(100) NOT NULL,
        [call] varchar(16) NOT NULL,
        [kit_code] nvarchar(32) NOT NULL,
        [kit_version] nvarchar(32) NOT NULL,
        [plate_barcode] varchar(32) NOT NULL,
        [well] varchar(4) NOT NULL,
        [targets] nvarchar(max) NOT NULL,
        [reviewers] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_released_tubes] PRIMARY KEY ([id]),
        CONSTRAINT [FK_released_tubes_submitters_submitter_id] FOREIGN KEY ([submitter_id]) REFERENCES [submitters] ([id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE TABLE [submissions] (
        [id] uniqueidentifier NOT NULL,
        [submitter_id] uniqueidentifier NOT NULL,
        [idempotency_key] nvarchar(128) NOT NULL,
        [request_hash] varbinary(32) NOT NULL,
        [reference] nvarchar(100) NULL,
        [received_at] datetimeoffset NOT NULL,
        [accepted] int NOT NULL,
        [rejected] int NOT NULL,
        [receipt] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_submissions] PRIMARY KEY ([id]),
        CONSTRAINT [FK_submissions_submitters_submitter_id] FOREIGN KEY ([submitter_id]) REFERENCES [submitters] ([id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE TABLE [webhook_deliveries] (
        [id] uniqueidentifier NOT NULL,
        [submitter_id] uniqueidentifier NOT NULL,
        [release_id] uniqueidentifier NOT NULL,
        [results] int NOT NULL,
        [created_at] datetimeoffset NOT NULL,
        [state] varchar(16) NOT NULL,
        [attempts] int NOT NULL,
        [next_attempt_at] datetimeoffset NOT NULL,
        [last_attempt_at] datetimeoffset NULL,
        [last_status] int NULL,
        [last_error] nvarchar(500) NULL,
        [delivered_at] datetimeoffset NULL,
        [dead_at] datetimeoffset NULL,
        [retried_at] datetimeoffset NULL,
        [retried_by] nvarchar(100) NULL,
        [version] int NOT NULL,
        CONSTRAINT [PK_webhook_deliveries] PRIMARY KEY ([id]),
        CONSTRAINT [FK_webhook_deliveries_submitters_submitter_id] FOREIGN KEY ([submitter_id]) REFERENCES [submitters] ([id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE TABLE [webhook_subscriptions] (
        [id] uniqueidentifier NOT NULL,
        [submitter_id] uniqueidentifier NOT NULL,
        [url] nvarchar(2000) NOT NULL,
        [secret] varchar(100) NOT NULL,
        [created_at] datetimeoffset NOT NULL,
        [updated_at] datetimeoffset NOT NULL,
        [version] int NOT NULL,
        CONSTRAINT [PK_webhook_subscriptions] PRIMARY KEY ([id]),
        CONSTRAINT [FK_webhook_subscriptions_submitters_submitter_id] FOREIGN KEY ([submitter_id]) REFERENCES [submitters] ([id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE TABLE [review_items] (
        [id] bigint NOT NULL IDENTITY,
        [tube_id] uniqueidentifier NOT NULL,
        [barcode] varchar(32) NOT NULL,
        [well] varchar(4) NOT NULL,
        [call] varchar(16) NOT NULL,
        [original_call] varchar(16) NOT NULL,
        [state] varchar(16) NOT NULL,
        [review_id] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_review_items] PRIMARY KEY ([id]),
        CONSTRAINT [FK_review_items_plate_reviews_review_id] FOREIGN KEY ([review_id]) REFERENCES [plate_reviews] ([id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE TABLE [review_signatures] (
        [id] bigint NOT NULL IDENTITY,
        [sequence] int NOT NULL,
        [user_name] nvarchar(64) NOT NULL,
        [role] varchar(16) NOT NULL,
        [meaning] varchar(16) NOT NULL,
        [signed_at] datetimeoffset NOT NULL,
        [tube_barcode] varchar(32) NULL,
        [reason] nvarchar(500) NULL,
        [review_id] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_review_signatures] PRIMARY KEY ([id]),
        CONSTRAINT [FK_review_signatures_plate_reviews_review_id] FOREIGN KEY ([review_id]) REFERENCES [plate_reviews] ([id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE TABLE [run_wells] (
        [id] bigint NOT NULL IDENTITY,
        [position] varchar(3) NOT NULL,
        [sample] nvarchar(200) NULL,
        [role] varchar(24) NOT NULL,
        [call] varchar(16) NOT NULL,
        [tube_id] uniqueidentifier NULL,
        [tube_barcode] varchar(32) NULL,
        [outcome] varchar(16) NULL,
        [reasons] nvarchar(max) NOT NULL,
        [targets] nvarchar(max) NOT NULL,
        [run_id] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_run_wells] PRIMARY KEY ([id]),
        CONSTRAINT [FK_run_wells_plate_runs_run_id] FOREIGN KEY ([run_id]) REFERENCES [plate_runs] ([id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE TABLE [box_discrepancies] (
        [id] bigint NOT NULL IDENTITY,
        [number] int NOT NULL,
        [kind] varchar(16) NOT NULL,
        [barcode] varchar(32) NULL,
        [description] nvarchar(300) NOT NULL,
        [resolution] varchar(16) NULL,
        [resolution_note] nvarchar(300) NULL,
        [resolved_at] datetimeoffset NULL,
        [resolved_by] nvarchar(100) NULL,
        [box_id] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_box_discrepancies] PRIMARY KEY ([id]),
        CONSTRAINT [FK_box_discrepancies_boxes_box_id] FOREIGN KEY ([box_id]) REFERENCES [boxes] ([id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE TABLE [box_scans] (
        [id] bigint NOT NULL IDENTITY,
        [scan_id] uniqueidentifier NOT NULL,
        [barcode] varchar(32) NOT NULL,
        [outcome] varchar(16) NOT NULL,
        [at] datetimeoffset NOT NULL,
        [by] nvarchar(100) NOT NULL,
        [box_id] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_box_scans] PRIMARY KEY ([id]),
        CONSTRAINT [FK_box_scans_boxes_box_id] FOREIGN KEY ([box_id]) REFERENCES [boxes] ([id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE TABLE [person_results] (
        [id] bigint NOT NULL IDENTITY,
        [position] int NOT NULL,
        [person_lookup_hash] varbinary(32) NOT NULL,
        [masked_id] nvarchar(40) NOT NULL,
        [masked_name] nvarchar(200) NOT NULL,
        [outcome] varchar(16) NOT NULL,
        [released_tube_id] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_person_results] PRIMARY KEY ([id]),
        CONSTRAINT [FK_person_results_released_tubes_released_tube_id] FOREIGN KEY ([released_tube_id]) REFERENCES [released_tubes] ([id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE TABLE [public_health_notifications] (
        [id] uniqueidentifier NOT NULL,
        [released_tube_id] uniqueidentifier NOT NULL,
        [tube_id] uniqueidentifier NOT NULL,
        [tube_barcode] varchar(32) NOT NULL,
        [submitter_id] uniqueidentifier NOT NULL,
        [position] int NOT NULL,
        [masked_id] nvarchar(40) NOT NULL,
        [released_at] datetimeoffset NOT NULL,
        [state] varchar(16) NOT NULL,
        [attempts] int NOT NULL,
        [last_attempt_at] datetimeoffset NULL,
        [last_status] int NULL,
        [last_error] nvarchar(500) NULL,
        [sent_at] datetimeoffset NULL,
        [overdue_since] datetimeoffset NULL,
        [version] int NOT NULL,
        CONSTRAINT [PK_public_health_notifications] PRIMARY KEY ([id]),
        CONSTRAINT [FK_public_health_notifications_released_tubes_released_tube_id] FOREIGN KEY ([released_tube_id]) REFERENCES [released_tubes] ([id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_public_health_notifications_submitters_submitter_id] FOREIGN KEY ([submitter_id]) REFERENCES [submitters] ([id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE TABLE [tubes] (
        [id] uniqueidentifier NOT NULL,
        [barcode] varchar(32) NOT NULL,
        [kind] varchar(16) NOT NULL,
        [capacity] int NOT NULL,
        [submitter_id] uniqueidentifier NOT NULL,
        [submission_id] uniqueidentifier NOT NULL,
        [collected_at] datetimeoffset NOT NULL,
        [site] nvarchar(100) NOT NULL,
        [priority] varchar(16) NOT NULL,
        [due_at] datetimeoffset NOT NULL,
        [registered_at] datetimeoffset NOT NULL,
        [status] varchar(16) NOT NULL,
        [call] varchar(16) NULL,
        [retest_count] int NOT NULL,
        [rejection] varchar(16) NULL,
        [recollection_required_at] datetimeoffset NULL,
        [at_risk_since] datetimeoffset NULL,
        [member_count] int NOT NULL DEFAULT 0,
        [received_at] datetimeoffset NULL,
        [inactivated_at] datetimeoffset NULL,
        [plated_at] datetimeoffset NULL,
        [amplified_at] datetimeoffset NULL,
        [interpreted_at] datetimeoffset NULL,
        [reviewed_at] datetimeoffset NULL,
        [released_at] datetimeoffset NULL,
        [version] int NOT NULL DEFAULT 0,
        CONSTRAINT [PK_tubes] PRIMARY KEY ([id]),
        CONSTRAINT [FK_tubes_submissions_submission_id] FOREIGN KEY ([submission_id]) REFERENCES [submissions] ([id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_tubes_submitters_submitter_id] FOREIGN KEY ([submitter_id]) REFERENCES [submitters] ([id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE TABLE [box_tubes] (
        [tube_id] uniqueidentifier NOT NULL,
        [box_id] uniqueidentifier NOT NULL,
        [barcode] varchar(32) NOT NULL,
        CONSTRAINT [PK_box_tubes] PRIMARY KEY ([box_id], [tube_id]),
        CONSTRAINT [FK_box_tubes_boxes_box_id] FOREIGN KEY ([box_id]) REFERENCES [boxes] ([id]) ON DELETE CASCADE,
        CONSTRAINT [FK_box_tubes_tubes_tube_id] FOREIGN KEY ([tube_id]) REFERENCES [tubes] ([id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE TABLE [inactivation_tubes] (
        [id] bigint NOT NULL IDENTITY,
        [tube_id] uniqueidentifier NOT NULL,
        [barcode] varchar(32) NOT NULL,
        [batch_id] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_inactivation_tubes] PRIMARY KEY ([id]),
        CONSTRAINT [FK_inactivation_tubes_inactivation_batches_batch_id] FOREIGN KEY ([batch_id]) REFERENCES [inactivation_batches] ([id]) ON DELETE CASCADE,
        CONSTRAINT [FK_inactivation_tubes_tubes_tube_id] FOREIGN KEY ([tube_id]) REFERENCES [tubes] ([id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE TABLE [plate_wells] (
        [id] bigint NOT NULL IDENTITY,
        [position] varchar(3) NOT NULL,
        [role] varchar(24) NOT NULL,
        [tube_id] uniqueidentifier NULL,
        [tube_barcode] varchar(32) NULL,
        [control_name] nvarchar(64) NULL,
        [plate_id] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_plate_wells] PRIMARY KEY ([id]),
        CONSTRAINT [FK_plate_wells_plates_plate_id] FOREIGN KEY ([plate_id]) REFERENCES [plates] ([id]) ON DELETE CASCADE,
        CONSTRAINT [FK_plate_wells_tubes_tube_id] FOREIGN KEY ([tube_id]) REFERENCES [tubes] ([id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE TABLE [recall_cases] (
        [id] uniqueidentifier NOT NULL,
        [pool_tube_id] uniqueidentifier NOT NULL,
        [pool_barcode] varchar(32) NOT NULL,
        [submitter_id] uniqueidentifier NOT NULL,
        [site] nvarchar(100) NOT NULL,
        [opened_at] datetimeoffset NOT NULL,
        [due_at] datetimeoffset NOT NULL,
        [status] varchar(16) NOT NULL,
        [closed_at] datetimeoffset NULL,
        [overdue_since] datetimeoffset NULL,
        [version] int NOT NULL,
        [cancel_reason] nvarchar(500) NULL,
        CONSTRAINT [PK_recall_cases] PRIMARY KEY ([id]),
        CONSTRAINT [FK_recall_cases_submitters_submitter_id] FOREIGN KEY ([submitter_id]) REFERENCES [submitters] ([id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_recall_cases_tubes_pool_tube_id] FOREIGN KEY ([pool_tube_id]) REFERENCES [tubes] ([id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE TABLE [tube_events] (
        [id] bigint NOT NULL IDENTITY,
        [from_status] varchar(16) NULL,
        [to_status] varchar(16) NOT NULL,
        [at] datetimeoffset NOT NULL,
        [actor] nvarchar(100) NOT NULL,
        [reason] nvarchar(500) NULL,
        [tube_id] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_tube_events] PRIMARY KEY ([id]),
        CONSTRAINT [FK_tube_events_tubes_tube_id] FOREIGN KEY ([tube_id]) REFERENCES [tubes] ([id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE TABLE [tube_members] (
        [position] int NOT NULL,
        [tube_id] uniqueidentifier NOT NULL,
        [id_type] varchar(16) NOT NULL,
        [id_cipher] varbinary(128) NOT NULL,
        [id_hash] varbinary(32) NOT NULL,
        [id_masked] nvarchar(40) NOT NULL,
        [name] nvarchar(100) NOT NULL,
        [phone] varchar(32) NULL,
        CONSTRAINT [PK_tube_members] PRIMARY KEY ([tube_id], [position]),
        CONSTRAINT [FK_tube_members_tubes_tube_id] FOREIGN KEY ([tube_id]) REFERENCES [tubes] ([id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE TABLE [recall_members] (
        [position] int NOT NULL,
        [recall_case_id] uniqueidentifier NOT NULL,
        [person_masked] nvarchar(40) NOT NULL,
        [person_lookup_hash] varbinary(32) NOT NULL,
        [order_barcode] varchar(32) NOT NULL,
        [result] varchar(16) NULL,
        [result_tube] varchar(32) NULL,
        [result_at] datetimeoffset NULL,
        CONSTRAINT [PK_recall_members] PRIMARY KEY ([recall_case_id], [position]),
        CONSTRAINT [FK_recall_members_recall_cases_recall_case_id] FOREIGN KEY ([recall_case_id]) REFERENCES [recall_cases] ([id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'id', N'hash', N'seq') AND [object_id] = OBJECT_ID(N'[audit_chain_head]'))
        SET IDENTITY_INSERT [audit_chain_head] ON;
    EXEC(N'INSERT INTO [audit_chain_head] ([id], [hash], [seq])
    VALUES (1, ''0000000000000000000000000000000000000000000000000000000000000000'', CAST(0 AS bigint))');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'id', N'hash', N'seq') AND [object_id] = OBJECT_ID(N'[audit_chain_head]'))
        SET IDENTITY_INSERT [audit_chain_head] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'id', N'last_cursor') AND [object_id] = OBJECT_ID(N'[result_cursor]'))
        SET IDENTITY_INSERT [result_cursor] ON;
    EXEC(N'INSERT INTO [result_cursor] ([id], [last_cursor])
    VALUES (1, CAST(0 AS bigint))');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'id', N'last_cursor') AND [object_id] = OBJECT_ID(N'[result_cursor]'))
        SET IDENTITY_INSERT [result_cursor] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_api_keys_hash] ON [api_keys] ([hash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE INDEX [IX_api_keys_submitter_id] ON [api_keys] ([submitter_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_assay_kits_code_version] ON [assay_kits] ([code], [version]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE INDEX [IX_audit_events_entity_type_entity_id_seq] ON [audit_events] ([entity_type], [entity_id], [seq]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_barcode_ranges_idempotency_key] ON [barcode_ranges] ([idempotency_key]) WHERE [idempotency_key] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_barcode_ranges_prefix_first] ON [barcode_ranges] ([prefix], [first]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_box_discrepancies_box_id_number] ON [box_discrepancies] ([box_id], [number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_box_scans_box_id_scan_id] ON [box_scans] ([box_id], [scan_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_box_tubes_tube_id] ON [box_tubes] ([tube_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_boxes_barcode] ON [boxes] ([barcode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE INDEX [IX_boxes_submitter_id] ON [boxes] ([submitter_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_inactivation_batches_code] ON [inactivation_batches] ([code]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE INDEX [IX_inactivation_batches_status_started_at] ON [inactivation_batches] ([status], [started_at]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE INDEX [IX_inactivation_tubes_batch_id] ON [inactivation_tubes] ([batch_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_inactivation_tubes_tube_id] ON [inactivation_tubes] ([tube_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE INDEX [IX_person_results_person_lookup_hash] ON [person_results] ([person_lookup_hash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE INDEX [IX_person_results_released_tube_id] ON [person_results] ([released_tube_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_plate_reviews_plate_barcode] ON [plate_reviews] ([plate_barcode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE INDEX [IX_plate_reviews_plate_id] ON [plate_reviews] ([plate_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_plate_reviews_run_id] ON [plate_reviews] ([run_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE INDEX [IX_plate_reviews_status_opened_at] ON [plate_reviews] ([status], [opened_at]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_plate_runs_plate_barcode] ON [plate_runs] ([plate_barcode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_plate_runs_plate_id] ON [plate_runs] ([plate_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_plate_runs_sha256] ON [plate_runs] ([sha256]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE INDEX [IX_plate_wells_plate_id] ON [plate_wells] ([plate_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE INDEX [IX_plate_wells_tube_id] ON [plate_wells] ([tube_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_plates_barcode] ON [plates] ([barcode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_public_health_notifications_released_tube_id_position] ON [public_health_notifications] ([released_tube_id], [position]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE INDEX [IX_public_health_notifications_state_released_at] ON [public_health_notifications] ([state], [released_at]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE INDEX [IX_public_health_notifications_submitter_id] ON [public_health_notifications] ([submitter_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_recall_cases_pool_tube_id] ON [recall_cases] ([pool_tube_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE INDEX [IX_recall_cases_status_due_at] ON [recall_cases] ([status], [due_at]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE INDEX [IX_recall_cases_submitter_id] ON [recall_cases] ([submitter_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_recall_members_order_barcode] ON [recall_members] ([order_barcode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_released_tubes_cursor] ON [released_tubes] ([cursor]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE INDEX [IX_released_tubes_release_id] ON [released_tubes] ([release_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE INDEX [IX_released_tubes_submitter_id_cursor] ON [released_tubes] ([submitter_id], [cursor]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_released_tubes_tube_id] ON [released_tubes] ([tube_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE INDEX [IX_review_items_review_id] ON [review_items] ([review_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE INDEX [IX_review_items_tube_id] ON [review_items] ([tube_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE INDEX [IX_review_signatures_review_id] ON [review_signatures] ([review_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE INDEX [IX_run_wells_run_id] ON [run_wells] ([run_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE INDEX [IX_run_wells_tube_id] ON [run_wells] ([tube_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_staff_users_normalized_user_name] ON [staff_users] ([normalized_user_name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_submissions_submitter_id_idempotency_key] ON [submissions] ([submitter_id], [idempotency_key]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_submitters_code] ON [submitters] ([code]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE INDEX [IX_tube_events_tube_id] ON [tube_events] ([tube_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE INDEX [IX_tube_members_id_hash] ON [tube_members] ([id_hash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_tubes_barcode] ON [tubes] ([barcode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE INDEX [IX_tubes_due_at] ON [tubes] ([due_at]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    EXEC(N'CREATE INDEX [IX_tubes_status_call] ON [tubes] ([status], [call]) WHERE status = ''Interpreted''');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE INDEX [IX_tubes_submission_id] ON [tubes] ([submission_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE INDEX [IX_tubes_submitter_id] ON [tubes] ([submitter_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_webhook_deliveries_release_id_submitter_id] ON [webhook_deliveries] ([release_id], [submitter_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE INDEX [IX_webhook_deliveries_state_next_attempt_at] ON [webhook_deliveries] ([state], [next_attempt_at]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE INDEX [IX_webhook_deliveries_submitter_id_state_created_at] ON [webhook_deliveries] ([submitter_id], [state], [created_at]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_webhook_subscriptions_submitter_id] ON [webhook_subscriptions] ([submitter_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    EXEC(N'CREATE TRIGGER audit_events_append_only ON audit_events INSTEAD OF UPDATE, DELETE AS
    BEGIN
        SET NOCOUNT ON;
        THROW 51000, N''audit_events is append-only: UPDATE and DELETE are refused.'', 1;
    END')
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    EXEC(N'CREATE TRIGGER audit_chain_head_forward_only ON audit_chain_head AFTER UPDATE, DELETE AS
    BEGIN
        SET NOCOUNT ON;
        IF EXISTS (SELECT 1 FROM deleted d LEFT JOIN inserted i ON i.id = d.id WHERE i.id IS NULL OR i.seq < d.seq)
            THROW 51001, N''audit_chain_head only moves forward.'', 1;
    END')
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    ALTER TABLE [tube_members] DROP CONSTRAINT [FK_tube_members_tubes_tube_id];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    ALTER TABLE [tube_events] DROP CONSTRAINT [FK_tube_events_tubes_tube_id];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    ALTER TABLE [recall_members] DROP CONSTRAINT [FK_recall_members_recall_cases_recall_case_id];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    ALTER TABLE [recall_cases] DROP CONSTRAINT [FK_recall_cases_tubes_pool_tube_id];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    ALTER TABLE [recall_cases] DROP CONSTRAINT [FK_recall_cases_submitters_submitter_id];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204011013_Baseline'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261204011013_Baseline', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204033131_Signing'
)
BEGIN
    DROP INDEX [IX_webhook_deliveries_release_id_submitter_id] ON [webhook_deliveries];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204033131_Signing'
)
BEGIN
    EXEC sp_rename N'[recall_cases].[cancel_reason]', N'withdrawn_reason', 'COLUMN';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204033131_Signing'
)
BEGIN
    DECLARE @var nvarchar(max);
    SELECT @var = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[webhook_deliveries]') AND [c].[name] = N'release_id');
    IF @var IS NOT NULL EXEC(N'ALTER TABLE [webhook_deliveries] DROP CONSTRAINT ' + @var + ';');
    ALTER TABLE [webhook_deliveries] ALTER COLUMN [release_id] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204033131_Signing'
)
BEGIN
    ALTER TABLE [webhook_deliveries] ADD [event] varchar(24) NOT NULL DEFAULT 'ResultsReleased';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204033131_Signing'
)
BEGIN
    ALTER TABLE [webhook_deliveries] ADD [recall_case_id] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204033131_Signing'
)
BEGIN
    ALTER TABLE [tube_members] ADD [patient_id] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204033131_Signing'
)
BEGIN
    ALTER TABLE [tube_members] ADD [patient_id_system] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204033131_Signing'
)
BEGIN
    ALTER TABLE [recall_cases] ADD [visible_at] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204033131_Signing'
)
BEGIN
    ALTER TABLE [person_results] ADD [patient_id] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204033131_Signing'
)
BEGIN
    ALTER TABLE [person_results] ADD [patient_id_system] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204033131_Signing'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_webhook_deliveries_recall_case_id_event] ON [webhook_deliveries] ([recall_case_id], [event]) WHERE [recall_case_id] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204033131_Signing'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_webhook_deliveries_release_id_submitter_id] ON [webhook_deliveries] ([release_id], [submitter_id]) WHERE [release_id] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204033131_Signing'
)
BEGIN
    UPDATE recall_cases SET visible_at = opened_at;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204033131_Signing'
)
BEGIN
    UPDATE recall_cases SET status = 'Withdrawn' WHERE status = 'Cancelled';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204033131_Signing'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261204033131_Signing', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204034044_Bench'
)
BEGIN
    ALTER TABLE [plate_runs] ADD [qc_notes] nvarchar(max) NOT NULL DEFAULT ('[]');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204034044_Bench'
)
BEGIN
    ALTER TABLE [inactivation_batches] ADD [override_signed_at] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204034044_Bench'
)
BEGIN
    ALTER TABLE [inactivation_batches] ADD [override_signed_by] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204034044_Bench'
)
BEGIN
    ALTER TABLE [inactivation_batches] ADD [override_signer_role] varchar(16) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204034044_Bench'
)
BEGIN
    ALTER TABLE [inactivation_batches] ADD [started_by] nvarchar(100) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204034044_Bench'
)
BEGIN
    EXEC(N'UPDATE [inactivation_batches] SET [started_by] = [operator];');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204034044_Bench'
)
BEGIN
    ALTER TABLE [barcode_ranges] ADD [submitter_id] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204034044_Bench'
)
BEGIN
    CREATE INDEX [IX_barcode_ranges_submitter_id] ON [barcode_ranges] ([submitter_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204034044_Bench'
)
BEGIN
    ALTER TABLE [barcode_ranges] ADD CONSTRAINT [FK_barcode_ranges_submitters_submitter_id] FOREIGN KEY ([submitter_id]) REFERENCES [submitters] ([id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204034044_Bench'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261204034044_Bench', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204034850_Credentials'
)
BEGIN
    DECLARE @var1 nvarchar(max);
    SELECT @var1 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[staff_users]') AND [c].[name] = N'access_failed_count');
    IF @var1 IS NOT NULL EXEC(N'ALTER TABLE [staff_users] DROP CONSTRAINT ' + @var1 + ';');
    ALTER TABLE [staff_users] DROP COLUMN [access_failed_count];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204034850_Credentials'
)
BEGIN
    DECLARE @var2 nvarchar(max);
    SELECT @var2 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[staff_users]') AND [c].[name] = N'lockout_enabled');
    IF @var2 IS NOT NULL EXEC(N'ALTER TABLE [staff_users] DROP CONSTRAINT ' + @var2 + ';');
    ALTER TABLE [staff_users] DROP COLUMN [lockout_enabled];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204034850_Credentials'
)
BEGIN
    DECLARE @var3 nvarchar(max);
    SELECT @var3 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[staff_users]') AND [c].[name] = N'lockout_end');
    IF @var3 IS NOT NULL EXEC(N'ALTER TABLE [staff_users] DROP CONSTRAINT ' + @var3 + ';');
    ALTER TABLE [staff_users] DROP COLUMN [lockout_end];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204034850_Credentials'
)
BEGIN
    ALTER TABLE [staff_users] ADD [disabled_at] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204034850_Credentials'
)
BEGIN
    DECLARE @var4 nvarchar(max);
    SELECT @var4 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[staff_users]') AND [c].[name] = N'password_hash');
    IF @var4 IS NOT NULL EXEC(N'ALTER TABLE [staff_users] DROP CONSTRAINT ' + @var4 + ';');
    EXEC(N'UPDATE [staff_users] SET [password_hash] = N'''' WHERE [password_hash] IS NULL');
    ALTER TABLE [staff_users] ALTER COLUMN [password_hash] nvarchar(200) NOT NULL;
    ALTER TABLE [staff_users] ADD DEFAULT N'' FOR [password_hash];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204034850_Credentials'
)
BEGIN
    CREATE TABLE [staff_sign_in_failures] (
        [user_id] uniqueidentifier NOT NULL,
        [origin] varchar(64) NOT NULL,
        [attempts] int NOT NULL,
        [last_attempt_at] datetimeoffset NOT NULL,
        [locked_until] datetimeoffset NULL,
        CONSTRAINT [PK_staff_sign_in_failures] PRIMARY KEY ([user_id], [origin]),
        CONSTRAINT [FK_staff_sign_in_failures_staff_users_user_id] FOREIGN KEY ([user_id]) REFERENCES [staff_users] ([id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204034850_Credentials'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261204034850_Credentials', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204043154_AtRest'
)
BEGIN
    EXEC sp_rename N'[tube_members].[name]', N'legacy_name', 'COLUMN';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204043154_AtRest'
)
BEGIN
    DECLARE @var5 nvarchar(max);
    SELECT @var5 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[tube_members]') AND [c].[name] = N'legacy_name');
    IF @var5 IS NOT NULL EXEC(N'ALTER TABLE [tube_members] DROP CONSTRAINT ' + @var5 + ';');
    ALTER TABLE [tube_members] ALTER COLUMN [legacy_name] nvarchar(100) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204043154_AtRest'
)
BEGIN
    EXEC sp_rename N'[tube_members].[phone]', N'legacy_phone', 'COLUMN';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204043154_AtRest'
)
BEGIN
    EXEC sp_rename N'[webhook_subscriptions].[secret]', N'legacy_secret', 'COLUMN';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204043154_AtRest'
)
BEGIN
    DECLARE @var6 nvarchar(max);
    SELECT @var6 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[webhook_subscriptions]') AND [c].[name] = N'legacy_secret');
    IF @var6 IS NOT NULL EXEC(N'ALTER TABLE [webhook_subscriptions] DROP CONSTRAINT ' + @var6 + ';');
    ALTER TABLE [webhook_subscriptions] ALTER COLUMN [legacy_secret] varchar(100) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204043154_AtRest'
)
BEGIN
    ALTER TABLE [tube_members] ADD [name_cipher] varbinary(428) NOT NULL DEFAULT 0x;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204043154_AtRest'
)
BEGIN
    ALTER TABLE [tube_members] ADD [phone_cipher] varbinary(156) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204043154_AtRest'
)
BEGIN
    ALTER TABLE [webhook_subscriptions] ADD [secret_cipher] varbinary(428) NOT NULL DEFAULT 0x;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204043154_AtRest'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261204043154_AtRest', N'10.0.14');
END;

COMMIT;
GO

