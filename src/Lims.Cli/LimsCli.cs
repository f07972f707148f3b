using System.CommandLine;
using Lims.Application;
using Lims.Application.Abstractions;
using Lims.Application.Behaviors;
using Lims.Domain.Common;
using Lims.Domain.Pools.Characteristics;
using Lims.Cli.Commands;
using Lims.Infrastructure.Hosting;
using Lims.Infrastructure.Instruments;
using Lims.Infrastructure.Labels;
using Lims.Infrastructure.Persistence;
using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lims.Cli;

/// <summary>
/// The <c>lims</c> command line. Configuration as for the API: <c>appsettings.json</c> in the
/// working directory, then environment variables (<c>Database__Provider</c>, <c>ConnectionStrings__Lims</c>).
/// Exit codes: 0 done, 1 usage error, 2 the request was refused (one line on stderr says why).
/// </summary>
public static class LimsCli
{
    /// <summary>Exit code of a check that found something wrong: <c>lims audit verify</c> (the chain is broken), <c>lims db check-barcodes</c>.</summary>
    public const int CheckFailed = 3;

    /// <summary>Exit code of <c>lims audit verify</c> when the chain is broken.</summary>
    public const int ChainBroken = CheckFailed;

    /// <summary>Who did it, in a tube's history, when the CLI does it.</summary>
    internal static string Actor => "cli:" + Environment.UserName;

    public static Task<int> Main(string[] args) => RunAsync(args, Console.Out, Console.Error, stdin: Console.In);

    /// <param name="stdin">Where a command that reads standard input (a signature's password) reads it; none: empty.</param>
    public static async Task<int> RunAsync(
        string[] args, TextWriter stdout, TextWriter stderr, IEnumerable<KeyValuePair<string, string?>>? settings = null, TextReader? stdin = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(settings ?? [])
            .Build();
        var sender = new CliSender(configuration);
        // Pooling analysis and decoding of files are pure computations: their sender never opens or migrates a database.
        var computations = new CliSender(configuration, database: false);

        var root = new RootCommand("lims — laboratory information management for pooled nucleic-acid testing");
        root.Subcommands.Add(DbCommands.Create(configuration, stdout, sender));
        root.Subcommands.Add(SubmitterCommands.Create(stdout, sender));
        root.Subcommands.Add(ApiKeyCommands.Create(stdout, sender));
        root.Subcommands.Add(BoxCommands.Create(stdout, sender));
        root.Subcommands.Add(TubeCommands.Create(stdout, sender));
        root.Subcommands.Add(InactivationCommands.Create(stdout, stdin ?? TextReader.Null, sender));
        root.Subcommands.Add(KitCommands.Create(stdout, sender));
        root.Subcommands.Add(PlateCommands.Create(stdout, sender));
        root.Subcommands.Add(RecallCommands.Create(stdout, sender));
        root.Subcommands.Add(StaffCommands.Create(stdout, sender));
        root.Subcommands.Add(AuditCommands.Create(stdout, stderr, sender));
        root.Subcommands.Add(InstrumentCommands.Create(stdout));
        root.Subcommands.Add(LabelCommands.Create(stdout, sender.SendAsync));
        root.Subcommands.Add(PoolAnalysisCommands.PoolCommand([.. PoolAnalysisCommands.Create(stdout, computations), PoolDecodeCommands.Decode(stdout, computations)]));

        try
        {
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (Refusal(e) is { } message)
        {
            await stderr.WriteLineAsync($"lims: {message}");
            return 2;
        }
    }

    private static string? Refusal(Exception e) => e switch
    {
        RequestValidationException v => string.Join(" ", v.Errors.SelectMany(kv => kv.Value.Select(m => $"{kv.Key}: {m}"))),
        PoolingInputException p => $"{p.Field}: {p.Message}",
        NotFoundException or ConflictException or DomainException or InvalidOperationException or ForbiddenException or SignInRefusedException
            or InstrumentFileException or LabelException => e.Message,
        _ => null,
    };

    /// <summary>Sends one message in a scope of its own; with <paramref name="database"/>, the embedded default's schema is brought up to date first.</summary>
    internal static async Task<T> WithSenderAsync<T>(IConfiguration configuration, bool database, Func<ISender, ValueTask<T>> send, CancellationToken ct)
    {
        await using var services = Services(configuration);
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ICurrentActor>().Set(Actor);
        // As the API does on start: the embedded default keeps its own schema up to date.
        if (database && services.GetRequiredService<DatabaseSettings>().Provider == DatabaseProvider.Sqlite)
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
        return await send(scope.ServiceProvider.GetRequiredService<ISender>());
    }

    internal static ServiceProvider Services(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging();
        services.AddLims(configuration, LimsRole.Cli);
        return services.BuildServiceProvider();
    }
}

/// <summary>
/// How the command groups reach the use cases: each message is sent, as the CLI's actor, in a service scope of its own.
/// Without <c>database</c> (pure computations) the embedded default is not migrated first, and a handler that reads no
/// database never opens one.
/// </summary>
public sealed class CliSender(IConfiguration configuration, bool database = true)
{
    public Task<T> SendAsync<T>(ICommand<T> command, CancellationToken ct) =>
        LimsCli.WithSenderAsync(configuration, database, sender => sender.Send(command, ct), ct);

    public Task<T> SendAsync<T>(IQuery<T> query, CancellationToken ct) =>
        LimsCli.WithSenderAsync(configuration, database, sender => sender.Send(query, ct), ct);
}
