using Microsoft.EntityFrameworkCore.Migrations;

namespace Lims.Migrations.Sqlite.Migrations;

/// <summary>
/// The hand-maintained half of <see cref="Baseline"/>: what <c>dotnet ef migrations add</c> cannot generate from the model.
/// Keep this file when the baseline is remade (db/README.md): the generated <c>Up</c> ends with
/// <c>UpHandWritten(migrationBuilder);</c> and the generated <c>Down</c> starts with <c>DownHandWritten(migrationBuilder);</c>.
/// </summary>
public partial class Baseline
{
    // From the old AuditTrail migration: the trail is append-only in the database too. An UPDATE or DELETE of audit events
    // is refused, and the chain head only moves forward. Whoever can write the file can drop these: `lims audit verify` finds edits.
    // An EF Core migration that rebuilds audit_events or audit_chain_head (SQLite's way to alter a table) drops their
    // triggers: such a migration must create them again.
    private const string AuditEventsNoUpdate = """
        CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: UPDATE is refused'); END;
        """;

    private const string AuditEventsNoDelete = """
        CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: DELETE is refused'); END;
        """;

    private const string AuditChainHeadForwardOnly = """
        CREATE TRIGGER audit_chain_head_forward_only BEFORE UPDATE ON audit_chain_head WHEN NEW.id <> OLD.id OR NEW.seq < OLD.seq
        BEGIN SELECT RAISE(ABORT, 'audit_chain_head only moves forward'); END;
        """;

    private const string AuditChainHeadNoDelete = """
        CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE ON audit_chain_head
        BEGIN SELECT RAISE(ABORT, 'audit_chain_head only moves forward: DELETE is refused'); END;
        """;

    private static void UpHandWritten(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(AuditEventsNoUpdate);
        migrationBuilder.Sql(AuditEventsNoDelete);
        migrationBuilder.Sql(AuditChainHeadForwardOnly);
        migrationBuilder.Sql(AuditChainHeadNoDelete);
    }

    private static void DownHandWritten(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TRIGGER audit_chain_head_no_delete;");
        migrationBuilder.Sql("DROP TRIGGER audit_chain_head_forward_only;");
        migrationBuilder.Sql("DROP TRIGGER audit_events_no_delete;");
        migrationBuilder.Sql("DROP TRIGGER audit_events_no_update;");
    }
}
