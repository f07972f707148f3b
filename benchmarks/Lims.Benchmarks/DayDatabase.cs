using System.Security.Cryptography;
using Lims.Infrastructure;
using Lims.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Lims.Benchmarks;

/// <summary>The day probes' database (run-day.sh): PostgreSQL on the loopback address only, migrated, with Lims's infrastructure over it.</summary>
internal static class DayDatabase
{
    /// <summary>The <c>--connection</c> argument, refused unless it points at the loopback address (the probes write a day into it).</summary>
    public static string LoopbackConnection(Arguments args, string probe)
    {
        var connection = args.Required("connection");
        var host = new NpgsqlConnectionStringBuilder(connection).Host;
        if (host is not ("127.0.0.1" or "localhost" or "::1"))
            throw new ArgumentException($"The {probe} probe only writes to a database on the loopback address, not {host}.");
        return connection;
    }

    /// <summary>The infrastructure's services over the database (random personal-data keys), after migrating it.</summary>
    public static async Task<ServiceProvider> MigratedAsync(string connection)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:Lims"] = connection,
            ["Lims:Security:PersonalDataKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Lims:Security:LookupKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddLimsInfrastructure(configuration, out _);
        var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        return provider;
    }
}
