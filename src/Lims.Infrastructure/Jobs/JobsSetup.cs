using Hangfire;
using Hangfire.PostgreSql;
using Lims.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Lims.Infrastructure.Jobs;

public static class JobsSetup
{
    /// <summary>
    /// Hangfire on the storage that matches the database: in-memory for the embedded default,
    /// PostgreSQL, or SQL Server. The server (workers) runs unless <paramref name="runServer"/> is false.
    /// </summary>
    public static IServiceCollection AddLimsJobs(this IServiceCollection services, DatabaseSettings database, bool runServer)
    {
        services.AddHangfire((provider, config) =>
        {
            config.UseLogProvider(new HostLogProvider(provider.GetRequiredService<ILoggerFactory>()));
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            switch (database.Provider)
            {
                case DatabaseProvider.Sqlite:
                    config.UseInMemoryStorage();
                    break;
                case DatabaseProvider.PostgreSql:
                    config.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(database.ConnectionString));
                    break;
                case DatabaseProvider.SqlServer:
                    config.UseSqlServerStorage(database.ConnectionString);
                    break;
            }
        });
        if (runServer) services.AddHangfireServer(o => o.WorkerCount = Math.Max(2, Environment.ProcessorCount));
        services.AddScoped<FlagAtRiskTubesJob>();
        services.AddScoped<FlagOverdueInactivationsJob>();
        services.AddScoped<RecallJob>();
        services.AddScoped<WebhookDeliveryJob>();
        services.AddScoped<WebhookSweepJob>();
        services.AddScoped<PublicHealthJob>();
        services.Replace(ServiceDescriptor.Singleton<Lims.Application.Abstractions.IWebhookDispatcher, HangfireWebhookDispatcher>());
        return services;
    }

    public static void ScheduleRecurringJobs(IRecurringJobManager jobs)
    {
        jobs.AddOrUpdate<FlagAtRiskTubesJob>(FlagAtRiskTubesJob.Id, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        jobs.AddOrUpdate<FlagOverdueInactivationsJob>(FlagOverdueInactivationsJob.Id, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        jobs.AddOrUpdate<RecallJob>(RecallJob.Id, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        jobs.AddOrUpdate<WebhookSweepJob>(WebhookSweepJob.Id, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        jobs.AddOrUpdate<PublicHealthJob>(PublicHealthJob.Id, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
    }
}
