using Hangfire;
using Lims.Infrastructure.Hosting;
using Lims.Infrastructure.Jobs;

namespace Lims.Api.Hosting;

public static class Startup
{
    /// <summary>
    /// Before serving: the database (<see cref="LimsStartup"/>: migrated, and the demo data seeded on the embedded
    /// default's first start, its key and passwords printed once), then the recurring jobs.
    /// </summary>
    public static async Task PrepareAsync(this WebApplication app)
    {
        await LimsStartup.MigrateAsync(app.Services, app.Configuration);
        var seeded = await LimsStartup.SeedAsync(app.Services, app.Configuration);
        if (seeded.DemoApiKey is { } key) Console.WriteLine($"Demo API key: {key}");
        foreach (var account in seeded.StaffAccounts) Console.WriteLine($"Staff account ({account.User.Role}): {account.User.UserName} / {account.Password}");
        JobsSetup.ScheduleRecurringJobs(app.Services.GetRequiredService<IRecurringJobManager>());
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var url in app.Urls) Console.WriteLine($"Lims is listening on {url} (OpenAPI: {url}/openapi/v1.json, jobs: {url}/hangfire)");
        });
    }
}
