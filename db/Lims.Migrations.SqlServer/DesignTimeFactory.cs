using Lims.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Lims.Migrations.SqlServer;

/// <summary>Lets `dotnet ef migrations add` build the model for SqlServer without a running database.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<LimsDbContext>
{
    public LimsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<LimsDbContext>();
        new DatabaseSettings(DatabaseProvider.SqlServer, "Server=localhost;Database=lims_design;TrustServerCertificate=True", "").Configure(options);
        return new LimsDbContext(options.Options);
    }
}
