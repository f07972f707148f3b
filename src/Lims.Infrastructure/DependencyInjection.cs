using Lims.Application.Abstractions;
using Lims.Application.Features.Recall;
using Lims.Domain.Tubes;
using Lims.Infrastructure.Instruments;
using Lims.Infrastructure.Persistence;
using Lims.Infrastructure.Persistence.Bulk;
using Lims.Infrastructure.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lims.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Database (provider chosen by configuration), bulk writer, personal-data protection, instrument file reader.</summary>
    public static IServiceCollection AddLimsInfrastructure(this IServiceCollection services, IConfiguration configuration, out DatabaseSettings database)
    {
        var settings = database = DatabaseSettings.From(configuration);
        services.AddSingleton(settings);
        services.AddDbContext<LimsDbContext>(settings.Configure);
        services.AddScoped<ILimsDbContext>(sp => sp.GetRequiredService<LimsDbContext>());
        services.AddScoped<DatabaseMigrator>();
        services.AddScoped<ITurnaroundReader, Persistence.Reads.TurnaroundReader>();
        switch (settings.Provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddScoped<IBatchRegistrationWriter, SqliteBatchWriter>();
                services.AddScoped<IRecallCaseWriter, EfRecallCaseWriter>();
                break;
            case DatabaseProvider.PostgreSql:
                services.AddScoped<IBatchRegistrationWriter, PostgreSqlBatchWriter>();
                services.AddScoped<IRecallCaseWriter, PostgreSqlRecallCaseWriter>();
                break;
            case DatabaseProvider.SqlServer:
                services.AddScoped<IBatchRegistrationWriter, SqlServerBatchWriter>();
                services.AddScoped<IRecallCaseWriter, EfRecallCaseWriter>();
                break;
        }
        services.AddSingleton(_ => PersonalDataKeys.Load(configuration, settings.DataDirectory, allowKeyFile: settings.Provider == DatabaseProvider.Sqlite));
        services.AddSingleton<IRunFileReader, RunFileReader>();
        services.AddSingleton(new RecallSettings(
            TimeSpan.FromHours(configuration.GetValue("Lims:Recall:DeadlineHours", RecallSettings.Default.Deadline.TotalHours)),
            configuration.GetValue("Lims:Recall:BarcodePrefix", RecallSettings.Default.BarcodePrefix)!));
        services.AddSingleton<PersonIdProtector>();
        services.AddSingleton<IPersonIdProtector>(sp => sp.GetRequiredService<PersonIdProtector>());
        return services;
    }
}
