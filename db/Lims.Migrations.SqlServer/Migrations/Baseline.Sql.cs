using Microsoft.EntityFrameworkCore.Migrations;

namespace Lims.Migrations.SqlServer.Migrations;

/// <summary>
/// The hand-maintained half of <see cref="Baseline"/>: what <c>dotnet ef migrations add</c> cannot generate from the model.
/// Keep this file when the baseline is remade (db/README.md): the generated <c>Up</c> ends with
/// <c>UpHandWritten(migrationBuilder);</c> and the generated <c>Down</c> starts with <c>DownHandWritten(migrationBuilder);</c>.
/// </summary>
public partial class Baseline
{
    // From the old AuditTrail migration: the trail is append-only in the database too. An UPDATE or DELETE of audit events
    // is refused, and the chain head only moves forward. CREATE TRIGGER must open its batch, hence EXEC (the script is
    // idempotent). Someone with the rights to disable these triggers can still edit rows: `lims audit verify` finds that.
    private const string AuditEventsAppendOnly = """
        EXEC(N'CREATE TRIGGER audit_events_append_only ON audit_events INSTEAD OF UPDATE, DELETE AS
        BEGIN
            SET NOCOUNT ON;
            THROW 51000, N''audit_events is append-only: UPDATE and DELETE are refused.'', 1;
        END')
        """;

    private const string AuditChainHeadForwardOnly = """
        EXEC(N'CREATE TRIGGER audit_chain_head_forward_only ON audit_chain_head AFTER UPDATE, DELETE AS
        BEGIN
            SET NOCOUNT ON;
            IF EXISTS (SELECT 1 FROM deleted d LEFT JOIN inserted i ON i.id = d.id WHERE i.id IS NULL OR i.seq < d.seq)
                THROW 51001, N''audit_chain_head only moves forward.'', 1;
        END')
        """;

    private static void UpHandWritten(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(AuditEventsAppendOnly);
        migrationBuilder.Sql(AuditChainHeadForwardOnly);

        // Foreign keys the model keeps as relationships but the database does without; the generated Up creates them
        // with their tables, so they are dropped here, as the old migrations did.
        // From DropBulkRowForeignKeys: members and history rows of a tube are written only by the bulk writer, in the
        // same transaction that inserts the tube, and tubes are never deleted: the per-row foreign-key trigger added
        // nothing but cost (about 60 % of PostgreSQL's time per registered person, benchmarks/README.md).
        migrationBuilder.DropForeignKey(name: "FK_tube_members_tubes_tube_id", table: "tube_members");
        migrationBuilder.DropForeignKey(name: "FK_tube_events_tubes_tube_id", table: "tube_events");
        // From RecallBulkPath: members of a recall are written only with their case, in the same transaction, by the
        // bulk writer (a day's positive pools are ~260,000 members), and cases are never deleted: the per-row
        // foreign-key check added cost and nothing else.
        migrationBuilder.DropForeignKey(name: "FK_recall_members_recall_cases_recall_case_id", table: "recall_members");
        // Likewise a case refers to a pool tube the same use case just read; checking it row by row locked every
        // pool tube (FOR KEY SHARE) and cost more than the row itself. Tubes are never deleted.
        migrationBuilder.DropForeignKey(name: "FK_recall_cases_tubes_pool_tube_id", table: "recall_cases");
        // From RecallCaseSubmitterKey: a case's submitter is the pool tube's, read by the same use case; checking it
        // row by row cost ~4 µs a case (~100 ms of a day's pass of 26,000 cases) and nothing else. Submitters are
        // never deleted.
        migrationBuilder.DropForeignKey(name: "FK_recall_cases_submitters_submitter_id", table: "recall_cases");
    }

    // The dropped foreign keys need nothing: the generated Down drops their tables.
    private static void DownHandWritten(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TRIGGER audit_chain_head_forward_only;");
        migrationBuilder.Sql("DROP TRIGGER audit_events_append_only;");
    }
}
