using System.Net.Http.Json;
using System.Net;
using System.Net.Http.Headers;
using Lims.Application.Features.Submitters;
using Lims.Domain.Submitters;
using Lims.Infrastructure.Persistence;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lims.Api.Tests.Infrastructure;

/// <summary>
/// The real API in memory, on a real database of the given provider (a fresh SQLite file or a fresh
/// PostgreSQL database), with a settable clock and fixed personal-data keys.
/// </summary>
public sealed class LimsApiFactory(DatabaseProvider provider, string connectionString, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    public const string RemoteAddressHeader = "X-Test-Remote-Address";
    public const string NoRemoteAddress = "none";
    public const long MaxBatchBytes = 4 * 1024 * 1024;
    /// <summary>The fixed personal-data keys every test host (and the CLI run against its database) is configured with.</summary>
    public static readonly string PersonalDataKey = Convert.ToBase64String([.. Enumerable.Range(1, 32).Select(i => (byte)i)]);
    public static readonly string LookupKey = Convert.ToBase64String([.. Enumerable.Range(101, 32).Select(i => (byte)i)]);

    public DatabaseProvider Provider { get; } = provider;
    /// <summary>The PostgreSQL database's connection string; empty for SQLite (the file is in <see cref="DataDirectory"/>).</summary>
    public string ConnectionString { get; } = connectionString;
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "lims-test-" + Guid.NewGuid().ToString("N")[..8]);
    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));

    public static async Task<LimsApiFactory> CreateAsync(DatabaseProvider provider, PostgresServer? postgres = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var connection = provider switch
        {
            DatabaseProvider.Sqlite => "",
            DatabaseProvider.PostgreSql => await postgres!.CreateDatabaseAsync(),
            _ => throw new NotSupportedException($"{provider} cannot run on this machine."),
        };
        var factory = new LimsApiFactory(provider, connection, settings);
        _ = factory.Server; // start: migrates the database
        return factory;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:Provider", Provider.ToString());
        if (ConnectionString.Length > 0) builder.UseSetting("ConnectionStrings:Lims", ConnectionString);
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("Lims:DataDirectory", DataDirectory);
        builder.UseSetting("Lims:SeedDemo", "false");
        builder.UseSetting("Lims:Jobs:RunServer", "false");
        builder.UseSetting("Lims:Api:MaxBatchBytes", MaxBatchBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Lims:Security:PersonalDataKey", PersonalDataKey);
        builder.UseSetting("Lims:Security:LookupKey", LookupKey);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            // First of all: the peer address is the connection's, set before any middleware (the forwarded headers') reads it.
            services.Insert(0, ServiceDescriptor.Singleton<IStartupFilter, RemoteAddressStartupFilter>());
        });
    }

    /// <summary>A new submitter with its own API key, and a client that authenticates as it.</summary>
    public async Task<HttpClient> ClientForNewSubmitterAsync(string? code = null)
    {
        code ??= "h-" + Guid.NewGuid().ToString("N")[..10];
        var key = await SendAsync(async sender =>
        {
            await sender.Send(new CreateSubmitter(code, "Hospital " + code, SubmitterKind.Hospital));
            return (await sender.Send(new CreateApiKey(code))).Key;
        });
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", key);
        return client;
    }

    /// <summary>A client with a new lab station's key.</summary>
    public async Task<HttpClient> LabClientAsync()
    {
        var station = "bench-" + Guid.NewGuid().ToString("N")[..8];
        var key = await SendAsync(async sender => (await sender.Send(new CreateStationApiKey(station))).Key);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", key);
        return client;
    }

    /// <summary>
    /// A new staff account of the role, signed in: a client with its bearer token, its name and its password (to sign with).
    /// Each client calls from an address of its own, as each person works at a machine of their own, so that the tests'
    /// many sign-ins stay under the limit per address.
    /// </summary>
    public async Task<StaffClient> StaffClientAsync(string role, string? name = null)
    {
        name ??= role.Replace("-", "") + "-" + Guid.NewGuid().ToString("N")[..6];
        const string password = "correct horse battery";
        await SendAsync(sender => sender.Send(new Lims.Application.Features.Staff.CreateStaffUser(name, null, role, password, "test")).AsTask());
        var client = ClientFrom(NewAddress());
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = name, password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new StaffClient(client, name, password);
    }

    /// <summary>A client whose requests come from <paramref name="address"/>.</summary>
    public HttpClient ClientFrom(string address)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(RemoteAddressHeader, address);
        return client;
    }

    /// <summary>An address no other client of the tests uses (in 10.0.0.0/8).</summary>
    public static string NewAddress()
    {
        var n = Interlocked.Increment(ref _addresses);
        return $"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}";
    }

    private static int _addresses = 256;

    public async Task<T> SendAsync<T>(Func<ISender, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ISender>());
    }

    public async Task<T> WithDbAsync<T>(Func<LimsDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<LimsDbContext>());
    }

    /// <summary>Rows in every table the batch API writes, to prove a refused request wrote nothing.</summary>
    public Task<RowCounts> CountRowsAsync() => WithDbAsync(async db => new RowCounts(
        await db.Submissions.CountAsync(),
        await db.Tubes.CountAsync(),
        await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM tube_members").SingleAsync(),
        await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM tube_events").SingleAsync()));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(DataDirectory, recursive: true); } catch (DirectoryNotFoundException) { }
        }
    }

    /// <summary>
    /// The in-memory server has no peer address; tests choose one (loopback unless the header says otherwise; <c>none</c>
    /// for a connection without one, as through a Unix socket).
    /// </summary>
    private sealed class RemoteAddressStartupFilter : IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = context.Request.Headers.TryGetValue(RemoteAddressHeader, out var value)
                    ? value.ToString() == NoRemoteAddress ? null : IPAddress.Parse(value.ToString())
                    : IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

public sealed record StaffClient(HttpClient Http, string UserName, string Password);

public sealed record RowCounts(int Submissions, int Tubes, int Members, int Events);

public sealed class TestClock(DateTimeOffset now) : TimeProvider, IScenarioClock
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;

    /// <summary>Runs the step with the clock moved on by the duration, then puts it back, so that the test's next steps keep their times.</summary>
    public async Task AfterAsync(TimeSpan duration, Func<Task> step)
    {
        var before = Now;
        Now = before + duration;
        try
        {
            await step();
        }
        finally
        {
            Now = before;
        }
    }
}
