using Lims.Application.Abstractions;
using Lims.Application.Features.Recall;
using Lims.Application.Features.Results;
using Lims.Domain.Staff;
using Lims.Domain.Tubes;
using Lims.Infrastructure.Fhir;
using Lims.Infrastructure.Instruments;
using Lims.Infrastructure.Persistence;
using Lims.Infrastructure.Persistence.Bulk;
using Lims.Infrastructure.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lims.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Database (provider chosen by configuration), bulk writer, personal-data protection, instrument file reader, FHIR batch reader.</summary>
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
        services.AddSingleton<IFhirBatchReader, FhirBatchReader>();
        services.AddSingleton(new RecallSettings(
            TimeSpan.FromHours(configuration.GetValue("Lims:Recall:DeadlineHours", RecallSettings.Default.Deadline.TotalHours)),
            configuration.GetValue("Lims:Recall:BarcodePrefix", RecallSettings.Default.BarcodePrefix)!));
        services.AddIdentityCore<StaffUser>(o =>
            {
                o.Password.RequiredLength = StaffAccounts.MinPasswordLength;
                o.Password.RequireDigit = o.Password.RequireLowercase = o.Password.RequireUppercase = o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = configuration.GetValue("Lims:Staff:MaxFailedSignIns", 5);
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(configuration.GetValue("Lims:Staff:LockoutMinutes", 15));
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_";
            })
            .AddUserStore<StaffUserStore>();
        services.AddScoped<IStaffAccounts, StaffAccounts>();
        services.AddSingleton(new ReviewSettings(configuration.GetValue("Lims:Review:AutoReleaseNegatives", ReviewSettings.Default.AutoReleaseNegatives)));
        services.AddSingleton<PersonIdProtector>();
        services.AddSingleton<IPersonIdProtector>(sp => sp.GetRequiredService<PersonIdProtector>());
        return services;
    }
}
