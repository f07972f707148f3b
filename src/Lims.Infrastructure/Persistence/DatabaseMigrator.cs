using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Lims.Infrastructure.Persistence;

/// <summary>Applies the provider's migrations (<c>lims db migrate</c>, and start-up of the embedded default) and writes its SQL script.</summary>
public sealed class DatabaseMigrator(LimsDbContext db, DatabaseSettings settings)
{
    /// <summary>The migrations, then the personal data still in clear from before it was encrypted (<see cref="LegacyPersonalData"/>).</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (settings.Provider == DatabaseProvider.Sqlite) SqliteFile.CreatePrivate(settings.ConnectionString);
        await db.Database.MigrateAsync(cancellationToken);
        if (settings.Provider == DatabaseProvider.Sqlite)
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        await LegacyPersonalData.EncryptAsync(db, settings.Provider, db.PersonalText, cancellationToken);
    }

    /// <summary>
    /// The whole schema as one SQL script: idempotent (safe to run on a database at any
    /// migration) for PostgreSQL and SQL Server; SQLite's EF provider cannot make idempotent
    /// scripts, so its script is the plain one from an empty database.
    /// </summary>
    public string GenerateScript()
    {
        var options = settings.Provider == DatabaseProvider.Sqlite
            ? MigrationsSqlGenerationOptions.Default
            : MigrationsSqlGenerationOptions.Idempotent;
        return db.GetService<IMigrator>().GenerateScript(options: options).ReplaceLineEndings("\n");
    }

    public static string ScriptPath(string dbDirectory, DatabaseProvider provider) =>
        Path.Combine(dbDirectory, provider.ToString().ToLowerInvariant(), "lims.sql");
}
