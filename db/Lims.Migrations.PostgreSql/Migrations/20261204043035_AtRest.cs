using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lims.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AtRest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Names, phones and webhook secrets were stored in clear. They move to legacy_* columns; start-up encrypts them into
            // the *_cipher columns with the personal-data key, which the database never sees, and empties the legacy columns
            // (Lims.Infrastructure.Persistence.LegacyPersonalData). Nothing is lost if start-up stops half-way: it resumes.
            migrationBuilder.RenameColumn(name: "name", table: "tube_members", newName: "legacy_name");
            migrationBuilder.AlterColumn<string>(name: "legacy_name", table: "tube_members", type: "character varying(100)", maxLength: 100, nullable: true,
                oldClrType: typeof(string), oldType: "character varying(100)", oldMaxLength: 100);
            migrationBuilder.RenameColumn(name: "phone", table: "tube_members", newName: "legacy_phone");
            migrationBuilder.RenameColumn(name: "secret", table: "webhook_subscriptions", newName: "legacy_secret");
            migrationBuilder.AlterColumn<string>(name: "legacy_secret", table: "webhook_subscriptions", type: "character varying(100)", unicode: false, maxLength: 100,
                nullable: true, oldClrType: typeof(string), oldType: "character varying(100)", oldUnicode: false, oldMaxLength: 100);
            migrationBuilder.AddColumn<byte[]>(name: "name_cipher", table: "tube_members", type: "bytea", maxLength: 428, nullable: false, defaultValue: System.Array.Empty<byte>());
            migrationBuilder.AddColumn<byte[]>(name: "phone_cipher", table: "tube_members", type: "bytea", maxLength: 156, nullable: true);
            migrationBuilder.AddColumn<byte[]>(name: "secret_cipher", table: "webhook_subscriptions", type: "bytea", maxLength: 428, nullable: false, defaultValue: System.Array.Empty<byte>());
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Back to the clear columns: values still in legacy_* come back; encrypted ones cannot be decrypted in SQL and are lost.
            migrationBuilder.DropColumn(name: "name_cipher", table: "tube_members");
            migrationBuilder.DropColumn(name: "phone_cipher", table: "tube_members");
            migrationBuilder.DropColumn(name: "secret_cipher", table: "webhook_subscriptions");
            migrationBuilder.RenameColumn(name: "legacy_name", table: "tube_members", newName: "name");
            migrationBuilder.AlterColumn<string>(name: "name", table: "tube_members", type: "character varying(100)", maxLength: 100, nullable: false, defaultValue: "",
                oldClrType: typeof(string), oldType: "character varying(100)", oldMaxLength: 100, oldNullable: true);
            migrationBuilder.RenameColumn(name: "legacy_phone", table: "tube_members", newName: "phone");
            migrationBuilder.RenameColumn(name: "legacy_secret", table: "webhook_subscriptions", newName: "secret");
            migrationBuilder.AlterColumn<string>(name: "secret", table: "webhook_subscriptions", type: "character varying(100)", unicode: false, maxLength: 100, nullable: false,
                defaultValue: "", oldClrType: typeof(string), oldType: "character varying(100)", oldUnicode: false, oldMaxLength: 100, oldNullable: true);
        }
    }
}
