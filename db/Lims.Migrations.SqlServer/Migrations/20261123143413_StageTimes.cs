using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lims.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class StageTimes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "amplified_at",
                table: "tubes",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "inactivated_at",
                table: "tubes",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "interpreted_at",
                table: "tubes",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "member_count",
                table: "tubes",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "plated_at",
                table: "tubes",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "received_at",
                table: "tubes",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "released_at",
                table: "tubes",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "reviewed_at",
                table: "tubes",
                type: "datetimeoffset",
                nullable: true);

            // Hand-written, keep when regenerating: tubes registered before this migration get their stage times from their history (the
            // steps of the run that counts, as the domain keeps them: a retest clears the run's times until the tube
            // gets there again, and a recollection notice is an interpreted → interpreted event) and their member
            // count from their members. One pass over the table; new tubes are written with both.
            // EXEC: in the idempotent script this runs in the batch that adds the columns, and SQL Server resolves the
            // column names of a batch before running it.
            migrationBuilder.Sql(
                """
                EXEC(N'UPDATE tubes SET
                    received_at = (SELECT MIN(e.at) FROM tube_events e WHERE e.tube_id = tubes.id AND e.to_status = ''Received''),
                    inactivated_at = (SELECT MIN(e.at) FROM tube_events e WHERE e.tube_id = tubes.id AND e.to_status = ''Inactivated''),
                    plated_at = (SELECT MIN(e.at) FROM tube_events e WHERE e.tube_id = tubes.id AND e.to_status = ''Plated''),
                    amplified_at = CASE WHEN status IN (''Amplified'', ''Interpreted'', ''Reviewed'', ''Released'')
                        THEN (SELECT MAX(e.at) FROM tube_events e WHERE e.tube_id = tubes.id AND e.to_status = ''Amplified'') END,
                    interpreted_at = CASE WHEN status IN (''Interpreted'', ''Reviewed'', ''Released'')
                        THEN (SELECT MAX(e.at) FROM tube_events e WHERE e.tube_id = tubes.id AND e.to_status = ''Interpreted'' AND e.from_status = ''Amplified'') END,
                    reviewed_at = CASE WHEN status IN (''Reviewed'', ''Released'')
                        THEN (SELECT MAX(e.at) FROM tube_events e WHERE e.tube_id = tubes.id AND e.to_status = ''Reviewed'') END,
                    released_at = CASE WHEN status = ''Released''
                        THEN (SELECT MAX(e.at) FROM tube_events e WHERE e.tube_id = tubes.id AND e.to_status = ''Released'') END,
                    member_count = (SELECT COUNT(*) FROM tube_members m WHERE m.tube_id = tubes.id)
                    ')
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "amplified_at",
                table: "tubes");

            migrationBuilder.DropColumn(
                name: "inactivated_at",
                table: "tubes");

            migrationBuilder.DropColumn(
                name: "interpreted_at",
                table: "tubes");

            migrationBuilder.DropColumn(
                name: "member_count",
                table: "tubes");

            migrationBuilder.DropColumn(
                name: "plated_at",
                table: "tubes");

            migrationBuilder.DropColumn(
                name: "received_at",
                table: "tubes");

            migrationBuilder.DropColumn(
                name: "released_at",
                table: "tubes");

            migrationBuilder.DropColumn(
                name: "reviewed_at",
                table: "tubes");
        }
    }
}
