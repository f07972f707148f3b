using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Lims.Api.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests use: <c>LIMS_TEST_POSTGRES</c> (a connection string whose user
/// may create databases) when it is set, otherwise a throwaway cluster started from the installed
/// PostgreSQL binaries on a free port of 127.0.0.1 and removed afterwards. Every test class gets
/// its own database. One server serves the whole test run and stops when the test process exits.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartSharedAsync);

    public static Task<PostgresServer> SharedAsync() => Shared.Value;

    private static async Task<PostgresServer> StartSharedAsync()
    {
        var server = new PostgresServer();
        await server.InitializeAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().GetAwaiter().GetResult();
        return server;
    }

    private string? _clusterDirectory;
    private string? _binDirectory;

    public string AdminConnectionString { get; private set; } = "";

    private async Task InitializeAsync()
    {
        var given = Environment.GetEnvironmentVariable("LIMS_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(given))
        {
            AdminConnectionString = given;
            return;
        }
        _binDirectory = Directory.GetDirectories("/usr/lib/postgresql").OrderDescending()
            .Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("No PostgreSQL server binaries under /usr/lib/postgresql and LIMS_TEST_POSTGRES is not set.");

        _clusterDirectory = Path.Combine(Path.GetTempPath(), "lims-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_clusterDirectory);
        var port = FreePort();
        var asRoot = Environment.UserName == "root";
        if (asRoot) await RunAsync("chown", $"postgres {_clusterDirectory}", asPostgres: false);

        await RunAsync(Path.Combine(_binDirectory, "initdb"), $"-D {_clusterDirectory}/data -U postgres --auth=trust -E UTF8 --no-sync", asRoot);
        var options = $"-p {port} -k {_clusterDirectory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        await RunAsync(Path.Combine(_binDirectory, "pg_ctl"), $"-D {_clusterDirectory}/data -o \"{options}\" -l {_clusterDirectory}/log -w -t 60 start", asRoot);
        AdminConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
    }

    public async Task<string> CreateDatabaseAsync()
    {
        var name = "lims_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    private async Task DisposeAsync()
    {
        if (_clusterDirectory is null || _binDirectory is null) return;
        try
        {
            await RunAsync(Path.Combine(_binDirectory, "pg_ctl"), $"-D {_clusterDirectory}/data -m immediate -w stop", Environment.UserName == "root");
        }
        finally
        {
            Directory.Delete(_clusterDirectory, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string arguments, bool asPostgres)
    {
        var start = asPostgres
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}")
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {await error} {await output}");
    }
}
