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
    WHERE [MigrationId] = N'20261123083549_Initial'
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
    WHERE [MigrationId] = N'20261123083549_Initial'
)
BEGIN
    CREATE TABLE [api_keys] (
        [id] uniqueidentifier NOT NULL,
        [submitter_id] uniqueidentifier NOT NULL,
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
    WHERE [MigrationId] = N'20261123083549_Initial'
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
    WHERE [MigrationId] = N'20261123083549_Initial'
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
        [at_risk_since] datetimeoffset NULL,
        CONSTRAINT [PK_tubes] PRIMARY KEY ([id]),
        CONSTRAINT [FK_tubes_submissions_submission_id] FOREIGN KEY ([submission_id]) REFERENCES [submissions] ([id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_tubes_submitters_submitter_id] FOREIGN KEY ([submitter_id]) REFERENCES [submitters] ([id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123083549_Initial'
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
    WHERE [MigrationId] = N'20261123083549_Initial'
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
    WHERE [MigrationId] = N'20261123083549_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_api_keys_hash] ON [api_keys] ([hash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123083549_Initial'
)
BEGIN
    CREATE INDEX [IX_api_keys_submitter_id] ON [api_keys] ([submitter_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123083549_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_submissions_submitter_id_idempotency_key] ON [submissions] ([submitter_id], [idempotency_key]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123083549_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_submitters_code] ON [submitters] ([code]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123083549_Initial'
)
BEGIN
    CREATE INDEX [IX_tube_events_tube_id] ON [tube_events] ([tube_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123083549_Initial'
)
BEGIN
    CREATE INDEX [IX_tube_members_id_hash] ON [tube_members] ([id_hash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123083549_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_tubes_barcode] ON [tubes] ([barcode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123083549_Initial'
)
BEGIN
    CREATE INDEX [IX_tubes_due_at] ON [tubes] ([due_at]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123083549_Initial'
)
BEGIN
    CREATE INDEX [IX_tubes_submission_id] ON [tubes] ([submission_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123083549_Initial'
)
BEGIN
    CREATE INDEX [IX_tubes_submitter_id] ON [tubes] ([submitter_id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123083549_Initial'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261123083549_Initial', N'10.0.14');
END;

COMMIT;
GO

