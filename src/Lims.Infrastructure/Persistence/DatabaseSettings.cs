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
/// default) and <c>ConnectionStrings:Lims</c> (for SQLite, a file under <c>Lims:DataDirectory</c>
/// by default).
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, string DataDirectory)
{
    public static DatabaseSettings From(IConfiguration configuration)
    {
        var dataDirectory = Path.GetFullPath(configuration["Lims:DataDirectory"] ?? "data");
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

    public void Configure(DbContextOptionsBuilder options)
    {
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(ConnectionString, o => o.MigrationsAssembly(MigrationsAssembly).UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));
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
