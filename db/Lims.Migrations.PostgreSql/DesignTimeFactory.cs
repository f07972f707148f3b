using Lims.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Lims.Migrations.PostgreSql;

/// <summary>Lets `dotnet ef migrations add` build the model for PostgreSql without a running database.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<LimsDbContext>
{
    public LimsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<LimsDbContext>();
        new DatabaseSettings(DatabaseProvider.PostgreSql, "Host=localhost;Database=lims_design", "").Configure(options);
        return new LimsDbContext(options.Options);
    }
}
