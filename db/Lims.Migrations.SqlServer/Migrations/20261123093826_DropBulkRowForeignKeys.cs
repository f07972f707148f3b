using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lims.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class DropBulkRowForeignKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Members and history rows of a tube are written only by the bulk writer, in the same
            // transaction that inserts the tube, and tubes are never deleted: the per-row foreign-key
            // trigger added nothing but cost (about 60 % of PostgreSQL's time per registered person,
            // benchmarks/README.md). The model keeps the relationships; only the constraints go.
            migrationBuilder.DropForeignKey(name: "FK_tube_members_tubes_tube_id", table: "tube_members");
            migrationBuilder.DropForeignKey(name: "FK_tube_events_tubes_tube_id", table: "tube_events");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddForeignKey(name: "FK_tube_members_tubes_tube_id", table: "tube_members", column: "tube_id",
                principalTable: "tubes", principalColumn: "id", onDelete: ReferentialAction.Cascade);
            migrationBuilder.AddForeignKey(name: "FK_tube_events_tubes_tube_id", table: "tube_events", column: "tube_id",
                principalTable: "tubes", principalColumn: "id", onDelete: ReferentialAction.Cascade);
        }
    }
}
