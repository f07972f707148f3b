using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lims.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AuditTrail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_chain_head",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    seq = table.Column<long>(type: "INTEGER", nullable: false),
                    hash = table.Column<string>(type: "TEXT", unicode: false, fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_chain_head", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_events",
                columns: table => new
                {
                    seq = table.Column<long>(type: "INTEGER", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    entity_type = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    entity_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    before = table.Column<string>(type: "TEXT", nullable: true),
                    after = table.Column<string>(type: "TEXT", nullable: true),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    prev_hash = table.Column<string>(type: "TEXT", unicode: false, fixedLength: true, maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "TEXT", unicode: false, fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_events", x => x.seq);
                });

            migrationBuilder.InsertData(
                table: "audit_chain_head",
                columns: new[] { "id", "hash", "seq" },
                values: new object[] { 1, "0000000000000000000000000000000000000000000000000000000000000000", 0L });

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_entity_type_entity_id_seq",
                table: "audit_events",
                columns: new[] { "entity_type", "entity_id", "seq" });

            // Hand-written: the trail is append-only in the database too. An UPDATE or DELETE of audit events is refused,
            // and the chain head only moves forward. Whoever can write the file can drop these: `lims audit verify` finds edits.
            migrationBuilder.Sql("""
                CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
                BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: UPDATE is refused'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
                BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: DELETE is refused'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER audit_chain_head_forward_only BEFORE UPDATE ON audit_chain_head WHEN NEW.id <> OLD.id OR NEW.seq < OLD.seq
                BEGIN SELECT RAISE(ABORT, 'audit_chain_head only moves forward'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE ON audit_chain_head
                BEGIN SELECT RAISE(ABORT, 'audit_chain_head only moves forward: DELETE is refused'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER audit_chain_head_no_delete;");
            migrationBuilder.Sql("DROP TRIGGER audit_chain_head_forward_only;");
            migrationBuilder.Sql("DROP TRIGGER audit_events_no_delete;");
            migrationBuilder.Sql("DROP TRIGGER audit_events_no_update;");

            migrationBuilder.DropTable(
                name: "audit_chain_head");

            migrationBuilder.DropTable(
                name: "audit_events");
        }
    }
}
