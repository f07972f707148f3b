using System.CommandLine;
using Lims.Application.Features.Tubes;
using Lims.Domain.Tubes;
using Lims.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lims.Cli.Commands;

/// <summary><c>lims db migrate|script|check-barcodes</c>: the database schema, and stored data a newer rule refuses.</summary>
public static class DbCommands
{
    public static Command Create(IConfiguration configuration, TextWriter stdout, CliSender sender)
    {
        var migrate = new Command("migrate", "Apply the database migrations of the configured provider.");
        migrate.SetAction(async (_, ct) =>
        {
            await using var services = LimsCli.Services(configuration);
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            var settings = services.GetRequiredService<DatabaseSettings>();
            await stdout.WriteLineAsync($"Database migrated ({settings.Provider}).");
            return 0;
        });

        var output = new Option<DirectoryInfo>("--out") { Description = "The db/ folder to write <provider>/lims.sql into.", DefaultValueFactory = _ => new DirectoryInfo("db") };
        var script = new Command("script", "Write the SQL script of every provider into db/<provider>/lims.sql (idempotent for PostgreSQL and SQL Server).") { output };
        script.SetAction(async (parse, ct) =>
        {
            var directory = parse.GetValue(output)!.FullName;
            foreach (var provider in Enum.GetValues<DatabaseProvider>())
            {
                var path = DatabaseMigrator.ScriptPath(directory, provider);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllTextAsync(path, ScriptFor(provider), ct);
                await stdout.WriteLineAsync($"Wrote {path}");
            }
            return 0;
        });

        var checkBarcodes = new Command("check-barcodes",
            $"List the stored tube, box, plate and inactivation-batch barcodes that do not pass the current rule (exit {LimsCli.CheckFailed} when there are any).");
        checkBarcodes.SetAction(async (_, ct) =>
        {
            var check = await sender.SendAsync(new CheckStoredBarcodes(), ct);
            foreach (var failing in check.Failing) await stdout.WriteLineAsync($"{failing.Kind}\t{failing.Barcode}\t{failing.Reason}");
            await stdout.WriteLineAsync(check.Failing.Count == 0
                ? $"{check.Checked:N0} stored barcodes checked: all pass."
                : $"{check.Checked:N0} stored barcodes checked: {check.Failing.Count:N0} do not pass ({Barcode.Rule})");
            return check.Failing.Count == 0 ? 0 : LimsCli.CheckFailed;
        });

        return new Command("db", "Database schema.") { migrate, script, checkBarcodes };
    }

    /// <summary>The SQL script of a provider, made from its migrations without a database connection.</summary>
    public static string ScriptFor(DatabaseProvider provider)
    {
        var connection = provider switch
        {
            DatabaseProvider.Sqlite => "Data Source=:memory:",
            DatabaseProvider.PostgreSql => "Host=localhost",
            DatabaseProvider.SqlServer => "Server=localhost",
        };
        var settings = new DatabaseSettings(provider, connection, "");
        var options = new DbContextOptionsBuilder<LimsDbContext>();
        settings.Configure(options);
        using var db = new LimsDbContext(options.Options);
        return new DatabaseMigrator(db, settings).GenerateScript();
    }
}
