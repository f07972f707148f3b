using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lims.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Credentials : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "access_failed_count",
                table: "staff_users");

            migrationBuilder.DropColumn(
                name: "lockout_enabled",
                table: "staff_users");

            // Not a rename, as EF guessed: a lock after failed sign-ins (now counted per origin, staff_sign_in_failures) is
            // not an account disabled by an admin. Existing locks end here; no account starts disabled.
            migrationBuilder.DropColumn(
                name: "lockout_end",
                table: "staff_users");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "disabled_at",
                table: "staff_users",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "password_hash",
                table: "staff_users",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200,
                oldNullable: true);

            migrationBuilder.CreateTable(
                name: "staff_sign_in_failures",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    origin = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    attempts = table.Column<int>(type: "int", nullable: false),
                    last_attempt_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    locked_until = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_staff_sign_in_failures", x => new { x.user_id, x.origin });
                    table.ForeignKey(
                        name: "FK_staff_sign_in_failures_staff_users_user_id",
                        column: x => x.user_id,
                        principalTable: "staff_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "staff_sign_in_failures");

            migrationBuilder.DropColumn(
                name: "disabled_at",
                table: "staff_users");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "lockout_end",
                table: "staff_users",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "password_hash",
                table: "staff_users",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200);

            migrationBuilder.AddColumn<int>(
                name: "access_failed_count",
                table: "staff_users",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "lockout_enabled",
                table: "staff_users",
                type: "bit",
                nullable: false,
                defaultValue: false);
        }
    }
}
