using Hangfire;
using Lims.Application.Features.Staff;
using Lims.Application.Features.Submitters;
using Lims.Infrastructure.Jobs;
using Lims.Infrastructure.Persistence;
using Mediator;

namespace Lims.Api.Hosting;

public static class Startup
{
    /// <summary>
    /// Before serving: migrate (always for the embedded default, for a server database when
    /// <c>Database:MigrateOnStart</c> is true; otherwise <c>lims db migrate</c> does it), create the
    /// demo submitter on the embedded default's first start, and schedule the recurring jobs.
    /// </summary>
    public static async Task InitializeAsync(this WebApplication app)
    {
        var database = app.Services.GetRequiredService<DatabaseSettings>();
        var embedded = database.Provider == DatabaseProvider.Sqlite;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            if (embedded || app.Configuration.GetValue("Database:MigrateOnStart", false))
                await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync();
            if (embedded && app.Configuration.GetValue("Lims:SeedDemo", true)
                && await scope.ServiceProvider.GetRequiredService<ISender>().Send(new EnsureDemoSubmitter()) is { } key)
                Console.WriteLine($"Demo API key: {key}");
            if (embedded && app.Configuration.GetValue("Lims:SeedDemo", true))
                foreach (var account in await scope.ServiceProvider.GetRequiredService<ISender>().Send(new EnsureStaffAccounts()))
                    Console.WriteLine($"Staff account ({account.User.Role}): {account.User.UserName} / {account.Password}");
        }
        JobsSetup.ScheduleRecurringJobs(app.Services.GetRequiredService<IRecurringJobManager>());
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var url in app.Urls) Console.WriteLine($"Lims is listening on {url} (OpenAPI: {url}/openapi/v1.json, jobs: {url}/hangfire)");
        });
    }
}
