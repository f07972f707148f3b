using Lims.Api.Tests.Infrastructure;
using Lims.Infrastructure.Hosting;
using Lims.Infrastructure.Persistence;
using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lims.Application.Tests.Infrastructure;

/// <summary>
/// The application as every host builds it (<see cref="LimsServices.AddLims"/>), without HTTP, on a real database of the
/// given provider (a fresh SQLite file or a fresh PostgreSQL database), with a settable clock. Each send is a scope of
/// its own, as a request, a CLI command or a job is.
/// </summary>
public sealed class LimsApp : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string _directory;

    private LimsApp(ServiceProvider services, string directory, DatabaseProvider provider, TestClock clock)
    {
        _services = services;
        _directory = directory;
        Provider = provider;
        Clock = clock;
    }

    public DatabaseProvider Provider { get; }
    public TestClock Clock { get; }

    /// <param name="configure">Changes to the services after the application's own, e.g. a fake in place of a service that calls another system.</param>
    public static async Task<LimsApp> CreateAsync(DatabaseProvider provider, Action<IServiceCollection>? configure = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "lims-app-test-" + Guid.NewGuid().ToString("N")[..8]);
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["Lims:DataDirectory"] = directory,
            ["Lims:Security:PersonalDataKey"] = Convert.ToBase64String([.. Enumerable.Range(1, 32).Select(i => (byte)i)]),
            ["Lims:Security:LookupKey"] = Convert.ToBase64String([.. Enumerable.Range(101, 32).Select(i => (byte)i)]),
            // The hospital the tests register webhooks for, whose POSTs a fake receives: no DNS would know it.
            ["Lims:Webhooks:AllowedHosts"] = OutboundAppFixture.Hospital,
        };
        if (provider == DatabaseProvider.PostgreSql) settings["ConnectionStrings:Lims"] = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddLims(configuration, LimsRole.Cli);
        var clock = new TestClock(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
        configure?.Invoke(services);
        var app = new LimsApp(services.BuildServiceProvider(), directory, provider, clock);
        await using (var scope = app._services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        return app;
    }

    public Task<T> SendAsync<T>(ICommand<T> command, string actor = "test") => InScopeAsync(actor, s => s.GetRequiredService<ISender>().Send(command).AsTask());

    public Task<T> SendAsync<T>(IQuery<T> query) => InScopeAsync("test", s => s.GetRequiredService<ISender>().Send(query).AsTask());

    public Task<T> WithDbAsync<T>(Func<LimsDbContext, Task<T>> action) => InScopeAsync("test", s => action(s.GetRequiredService<LimsDbContext>()));

    private async Task<T> InScopeAsync<T>(string actor, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ICurrentActor>().Set(actor);
        return await action(scope.ServiceProvider);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (DirectoryNotFoundException) { }
    }
}

public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>One application (and one database) per test class.</summary>
public abstract class AppFixture : IAsyncLifetime
{
    public LimsApp App { get; private set; } = null!;

    protected abstract DatabaseProvider Provider { get; }

    /// <summary>Services the fixture's application has in place of the application's own (none by default).</summary>
    protected virtual void Configure(IServiceCollection services) { }

    public async Task InitializeAsync() => App = await LimsApp.CreateAsync(Provider, Configure);

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class SqliteApp : AppFixture
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgreSqlApp : AppFixture
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
