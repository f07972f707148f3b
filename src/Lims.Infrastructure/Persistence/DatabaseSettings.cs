using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Lims.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
    SqlServer,
}

/// <summary>
/// Which database Lims runs on: <c>Database:Provider</c> (Sqlite, PostgreSql, SqlServer; Sqlite by
/// default) and <c>ConnectionStrings:Lims</c> (for SQLite, <c>lims.db</c> under <c>Lims:DataDirectory</c>
/// by default). The data directory defaults to the user's local data folder (<c>~/.local/share/lims</c>),
/// so the API and the CLI find the same database wherever they are started from.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, string DataDirectory)
{
    public static DatabaseSettings From(IConfiguration configuration)
    {
        var dataDirectory = Path.GetFullPath(configuration["Lims:DataDirectory"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "lims"));
        var providerName = configuration["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite);
        var provider = providerName.ToLowerInvariant() switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgresql" or "postgres" or "npgsql" => DatabaseProvider.PostgreSql,
            "sqlserver" or "mssql" => DatabaseProvider.SqlServer,
            _ => throw new InvalidOperationException(
                $"Database:Provider '{providerName}' is not one of Sqlite, PostgreSql, SqlServer."),
        };
        var connectionString = configuration.GetConnectionString("Lims");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider != DatabaseProvider.Sqlite)
                throw new InvalidOperationException($"ConnectionStrings:Lims is required for the {provider} provider.");
            connectionString = $"Data Source={Path.Combine(dataDirectory, "lims.db")}";
        }
        return new DatabaseSettings(provider, connectionString, dataDirectory);
    }

    public string MigrationsAssembly => $"Lims.Migrations.{Provider}";

    /// <summary>
    /// How long a SQLite statement waits for another connection's write lock before it fails: the connection string's
    /// <c>Default Timeout</c> (30 s unless given). SQLite has one writer at a time; writers queue within this.
    /// </summary>
    public TimeSpan SqliteBusyTimeout => TimeSpan.FromSeconds(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DefaultTimeout);

    public void Configure(DbContextOptionsBuilder options)
    {
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(ConnectionString, o => o.MigrationsAssembly(MigrationsAssembly).UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
                    .AddInterceptors(new SqliteBusyTimeout(SqliteBusyTimeout));
                break;
            case DatabaseProvider.PostgreSql:
                options.UseNpgsql(ConnectionString, o => o.MigrationsAssembly(MigrationsAssembly).UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));
                break;
            case DatabaseProvider.SqlServer:
                options.UseSqlServer(ConnectionString, o => o.MigrationsAssembly(MigrationsAssembly).UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));
                break;
        }
    }
}

/// <summary>
/// Every SQLite connection waits for the write lock in SQLite's own busy handler (<c>PRAGMA busy_timeout</c>), which
/// retries within milliseconds of the lock being freed, rather than failing at once with "database is locked" and
/// leaving the retry to the driver's 150 ms steps. The file itself is in WAL mode (set when it is migrated): readers
/// never wait for the writer.
/// </summary>
internal sealed class SqliteBusyTimeout(TimeSpan timeout) : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
{
    private readonly string _pragma = $"PRAGMA busy_timeout = {(long)timeout.TotalMilliseconds};";

    public override void ConnectionOpened(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
