using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lims.Migrations.Sqlite.Migrations
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

            migrationBuilder.AddColumn<long>(
                name: "disabled_at",
                table: "staff_users",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "password_hash",
                table: "staff_users",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 200,
                oldNullable: true);

            migrationBuilder.CreateTable(
                name: "staff_sign_in_failures",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    origin = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    last_attempt_at = table.Column<long>(type: "INTEGER", nullable: false),
                    locked_until = table.Column<long>(type: "INTEGER", nullable: true)
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

            migrationBuilder.AddColumn<long>(
                name: "lockout_end",
                table: "staff_users",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "password_hash",
                table: "staff_users",
                type: "TEXT",
                maxLength: 200,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 200);

            migrationBuilder.AddColumn<int>(
                name: "access_failed_count",
                table: "staff_users",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "lockout_enabled",
                table: "staff_users",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }
    }
}
