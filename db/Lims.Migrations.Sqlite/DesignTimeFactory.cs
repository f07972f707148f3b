using Lims.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Lims.Migrations.Sqlite;

/// <summary>Lets `dotnet ef migrations add` build the model for Sqlite without a running database.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<LimsDbContext>
{
    public LimsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<LimsDbContext>();
        new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=design.db", "").Configure(options);
        return new LimsDbContext(options.Options);
    }
}
