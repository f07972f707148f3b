using Lims.Application.Features.Staff;
using Lims.Application.Features.Submitters;
using Lims.Infrastructure.Persistence;
using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lims.Infrastructure.Hosting;

/// <summary>What a fresh start created for people to try Lims with: shown once, never stored in clear.</summary>
/// <param name="DemoApiKey">The <c>demo</c> submitter's key, when it was just created.</param>
public sealed record Seeded(string? DemoApiKey, IReadOnlyList<CreatedStaffUser> StaffAccounts);

/// <summary>Before a process serves: its database schema, and on the embedded default's first start, the demo data.</summary>
public static class LimsStartup
{
    /// <summary>
    /// Migrates the embedded default always, a server database when <c>Database:MigrateOnStart</c> is true (otherwise
    /// <c>lims db migrate</c> does it, once, before the replicas start).
    /// </summary>
    public static async Task MigrateAsync(IServiceProvider services, IConfiguration configuration, CancellationToken cancellationToken = default)
    {
        if (!Embedded(services) && !configuration.GetValue("Database:MigrateOnStart", false)) return;
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
    }

    /// <summary>
    /// The embedded default's first start (<c>Lims:SeedDemo</c>, on by default): a <c>demo</c> submitter with a key and one
    /// staff account per role, so the lab can be tried at once. Nothing on a server database or a second start.
    /// </summary>
    public static async Task<Seeded> SeedAsync(IServiceProvider services, IConfiguration configuration, CancellationToken cancellationToken = default)
    {
        if (!Embedded(services) || !configuration.GetValue("Lims:SeedDemo", true)) return new Seeded(null, []);
        await using var scope = services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        return new Seeded(await sender.Send(new EnsureDemoSubmitter(), cancellationToken), await sender.Send(new EnsureStaffAccounts(), cancellationToken));
    }

    private static bool Embedded(IServiceProvider services) => services.GetRequiredService<DatabaseSettings>().Provider == DatabaseProvider.Sqlite;
}
