using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Lims.Application.Abstractions;
using Lims.Application.Features.PublicHealth;
using Lims.Application.Features.Recall;
using Lims.Application.Features.Results;
using Lims.Application.Features.Staff;
using Lims.Application.Features.Webhooks;
using Lims.Domain.Staff;
using Lims.Domain.Tubes;
using Lims.Infrastructure.Fhir;
using Lims.Infrastructure.Hosting;
using Lims.Infrastructure.Instruments;
using Lims.Infrastructure.Outbound;
using Lims.Infrastructure.Persistence;
using Lims.Infrastructure.Persistence.Audit;
using Lims.Infrastructure.Persistence.Bulk;
using Lims.Infrastructure.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lims.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Database (provider chosen by configuration), bulk writer, personal-data protection, instrument file reader, FHIR batch reader.</summary>
    public static IServiceCollection AddLimsInfrastructure(this IServiceCollection services, IConfiguration configuration, out DatabaseSettings database)
    {
        var settings = database = DatabaseSettings.From(configuration);
        services.AddSingleton(settings);
        // Every save writes its audit events in its transaction (Persistence/Audit). Hosts that do not add the
        // application layer (benchmarks) get its defaults: the system clock, and "system" as the actor.
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<ICurrentActor, CurrentActor>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<IAuditTrail>(sp => sp.GetRequiredService<AuditTrail>());
        services.AddScoped<AuditInterceptor>();
        services.AddScoped<AfterCommit>();
        services.AddScoped<IAfterCommit>(sp => sp.GetRequiredService<AfterCommit>());
        services.AddDbContext<LimsDbContext>((sp, options) =>
        {
            settings.Configure(options);
            options.ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, PersonalModelCacheKeyFactory>();
            options.AddInterceptors(sp.GetRequiredService<AuditInterceptor>(), sp.GetRequiredService<AfterCommit>());
        });
        services.AddScoped<ILimsDbContext>(sp => sp.GetRequiredService<LimsDbContext>());
        // The data-protection key ring (what staff bearer tokens are sealed with) lives in the database, under one
        // application name: a token one replica of the API issues is accepted by every other, and survives restarts.
        // The key ring is encrypted with a key kept out of the database (KeyRingEncryptor).
        services.AddDataProtection().SetApplicationName("Lims").PersistKeysToDbContext<LimsDbContext>();
        services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>>(sp =>
            new Microsoft.Extensions.Options.ConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>(
                o => o.XmlEncryptor = new KeyRingEncryptor(sp.GetRequiredService<PersonalDataKeys>())));
        services.AddScoped<DatabaseMigrator>();
        services.AddScoped<ITransactionLocks, TransactionLocks>();
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
        AddStaff(services, configuration);
        services.AddScoped<IStaffAccounts, StaffAccounts>();
        services.AddSingleton(new Lims.Application.Features.Reviews.ReviewSettings(configuration.GetValue("Lims:Review:AutoReleaseNegatives", Lims.Application.Features.Reviews.ReviewSettings.Default.AutoReleaseNegatives)));
        services.AddSingleton<PersonIdProtector>();
        services.AddSingleton<PersonalTextCipher>();
        services.AddSingleton<IPersonIdProtector>(sp => sp.GetRequiredService<PersonIdProtector>());
        services.AddSingleton<IPersonIdRevealer>(sp => sp.GetRequiredService<PersonIdProtector>());
        AddOutbound(services, configuration);
        services.AddSingleton<ILookupHasher>(sp => sp.GetRequiredService<PersonIdProtector>());
        services.AddSingleton<ILookupReader>(_ => LookupReader.Create(settings));
        return services;
    }

    /// <summary>Staff passwords (Identity's PBKDF2 hasher with its defaults) and the sign-in limits.</summary>
    private static void AddStaff(IServiceCollection services, IConfiguration configuration)
    {
        var defaults = StaffSettings.Default;
        var settings = new StaffSettings(
            new LockoutPolicy(configuration.GetValue("Lims:Staff:MaxFailedSignIns", defaults.Lockout.MaxAttempts),
                TimeSpan.FromMinutes(configuration.GetValue("Lims:Staff:LockoutMinutes", defaults.Lockout.Duration.TotalMinutes))),
            configuration.GetValue("Lims:Staff:SignInsPerAccountPerMinute", defaults.SignInsPerAccountPerMinute));
        if (settings.Lockout.MaxAttempts < 1 || settings.Lockout.Duration <= TimeSpan.Zero || settings.SignInsPerAccountPerMinute < 1)
            throw new InvalidOperationException("Lims:Staff:MaxFailedSignIns, Lims:Staff:LockoutMinutes and Lims:Staff:SignInsPerAccountPerMinute must be more than 0.");
        services.AddSingleton(settings);
        services.AddSingleton<IPasswordHasher<StaffUser>, PasswordHasher<StaffUser>>();
        services.AddSingleton<UnknownPasswordHash>();
        services.AddSingleton<SignInRateLimiter>();
    }

    /// <summary>Webhooks and public-health reports: their settings and the HTTP client they POST with.</summary>
    private static void AddOutbound(IServiceCollection services, IConfiguration configuration)
    {
        var webhooks = WebhookSettings.Default;
        services.AddSingleton(new WebhookSettings(
            Seconds(configuration.GetSection("Lims:Webhooks:RetryDelaysSeconds")) ?? webhooks.RetryDelays,
            TimeSpan.FromSeconds(configuration.GetValue("Lims:Webhooks:TimeoutSeconds", webhooks.Timeout.TotalSeconds)),
            TimeSpan.FromSeconds(configuration.GetValue("Lims:Webhooks:SweepAfterSeconds", webhooks.SweepAfter.TotalSeconds))));
        var publicHealth = PublicHealthSettings.Default;
        var endpoint = configuration["Lims:PublicHealth:Endpoint"];
        Uri? endpointUri = null;
        if (!string.IsNullOrWhiteSpace(endpoint)
            && !(Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out endpointUri) && (endpointUri.Scheme == Uri.UriSchemeHttp || endpointUri.Scheme == Uri.UriSchemeHttps)))
            throw new InvalidOperationException($"Lims:PublicHealth:Endpoint is not an absolute http or https URL: '{endpoint}'.");
        services.AddSingleton(new PublicHealthSettings(
            endpointUri,
            TimeSpan.FromMinutes(configuration.GetValue("Lims:PublicHealth:DeadlineMinutes", publicHealth.Deadline.TotalMinutes)),
            Math.Clamp(configuration.GetValue("Lims:PublicHealth:BatchSize", publicHealth.BatchSize), 1, 10_000),
            configuration["Lims:PublicHealth:SigningSecret"] is { Length: > 0 } secret ? secret : null,
            TimeSpan.FromSeconds(configuration.GetValue("Lims:PublicHealth:TimeoutSeconds", publicHealth.Timeout.TotalSeconds))));
        services.AddHttpClient(OutboundHttp.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => Handler());
        // A submitter's webhook: to public addresses only, checked as each connection is made, never through a proxy (the
        // proxy, not this check, would choose the address).
        var addresses = new OutboundAddresses(configuration.GetSection("Lims:Webhooks:AllowedHosts").Values());
        services.AddSingleton(addresses);
        services.AddSingleton<IOutboundAddresses>(addresses);
        services.AddHttpClient(OutboundHttp.WebhookClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() =>
            {
                var handler = Handler();
                handler.UseProxy = false;
                handler.ConnectCallback = addresses.ConnectAsync;
                return handler;
            });
        services.AddSingleton<IOutboundHttp, OutboundHttp>();
        // Without job workers (the command line) attempts are left to the sweeper of a process that has them; AddLimsJobs replaces this.
        services.AddSingleton<IWebhookDispatcher, SweeperWebhookDispatcher>();
    }

    private static System.Net.Http.SocketsHttpHandler Handler() => new()
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>A list of seconds, as "30,120,600" or as an array; null when not configured.</summary>
    private static IReadOnlyList<TimeSpan>? Seconds(IConfigurationSection section)
    {
        var values = section.Values();
        if (section.Value is null && values.Length == 0) return null;
        return [.. values.Select(v => double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var s) && s >= 0
            ? TimeSpan.FromSeconds(s)
            : throw new InvalidOperationException($"{section.Path} holds '{v}': give seconds (0 or more), e.g. 30,120,600."))];
    }
}
