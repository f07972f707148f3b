using System.CommandLine;
using System.Text.Json;
using Lims.Application;
using Lims.Application.Abstractions;
using Lims.Application.Behaviors;
using Lims.Application.Features.Audit;
using Lims.Application.Features.Inactivation;
using Lims.Application.Features.Kits;
using Lims.Application.Features.Plates;
using Lims.Application.Features.Runs;
using Lims.Application.Features.Recall;
using Lims.Application.Features.Receiving;
using Lims.Application.Features.Submitters;
using Lims.Domain.Common;
using Lims.Domain.Pools.Characteristics;
using Lims.Domain.Submitters;
using Lims.Cli.Commands;
using Lims.Infrastructure;
using Lims.Infrastructure.Instruments;
using Lims.Infrastructure.Labels;
using Lims.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
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
    public static Task<int> Main(string[] args) => RunAsync(args, Console.Out, Console.Error);

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(settings ?? [])
            .Build();
        // Pooling analysis and decoding of files are pure computations: their sender never opens or migrates a database.
        var computations = new CliSender(configuration, database: false);

        var root = new RootCommand("lims — laboratory information management for pooled nucleic-acid testing");
        root.Subcommands.Add(DbCommand(configuration, stdout));
        root.Subcommands.Add(SubmitterCommand(configuration, stdout));
        root.Subcommands.Add(ApiKeyCommand(configuration, stdout));
        root.Subcommands.Add(BoxCommand(configuration, stdout));
        root.Subcommands.Add(TubeCommand(configuration, stdout));
        root.Subcommands.Add(InactivationCommand(configuration, stdout));
        root.Subcommands.Add(KitCommand(configuration, stdout));
        root.Subcommands.Add(PlateCommand(configuration, stdout));
        root.Subcommands.Add(RecallCommand(configuration, stdout));
        root.Subcommands.Add(StaffCommands.Create(stdout, (c, ct) => SendAsync(configuration, c, ct), (q, ct) => SendAsync(configuration, q, ct)));
        root.Subcommands.Add(AuditCommand(configuration, stdout, stderr));
        root.Subcommands.Add(InstrumentCommands.Create(stdout));
        root.Subcommands.Add(LabelCommands.Create(stdout, (command, ct) => SendAsync(configuration, command, ct)));
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

    private static Command DbCommand(IConfiguration configuration, TextWriter stdout)
    {
        var migrate = new Command("migrate", "Apply the database migrations of the configured provider.");
        migrate.SetAction(async (_, ct) =>
        {
            await using var services = Services(configuration);
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            var settings = services.GetRequiredService<DatabaseSettings>();
            await stdout.WriteLineAsync($"Database migrated ({settings.Provider}).");
            return 0;
        });

        var output = new Option<DirectoryInfo>("--out") { Description = "The db/ folder to write <provider>/lims.sql into.", DefaultValueFactory = _ => new DirectoryInfo("db") };
        var script = new Command("script", "Write the SQL script of every provider into db/<provider>/lims.sql (idempotent for PostgreSQL and SQL Server).") { output };
        script.SetAction(async (parse, ct) =>
        {
            var directory = parse.GetValue(output)!.FullName;
            foreach (var provider in Enum.GetValues<DatabaseProvider>())
            {
                var path = DatabaseMigrator.ScriptPath(directory, provider);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllTextAsync(path, ScriptFor(provider), ct);
                await stdout.WriteLineAsync($"Wrote {path}");
            }
            return 0;
        });

        return new Command("db", "Database schema.") { migrate, script };
    }

    /// <summary>The SQL script of a provider, made from its migrations without a database connection.</summary>
    public static string ScriptFor(DatabaseProvider provider)
    {
        var connection = provider switch
        {
            DatabaseProvider.Sqlite => "Data Source=:memory:",
            DatabaseProvider.PostgreSql => "Host=localhost",
            DatabaseProvider.SqlServer => "Server=localhost",
        };
        var settings = new DatabaseSettings(provider, connection, "");
        var options = new DbContextOptionsBuilder<LimsDbContext>();
        settings.Configure(options);
        using var db = new LimsDbContext(options.Options);
        return new DatabaseMigrator(db, settings).GenerateScript();
    }

    private static Command SubmitterCommand(IConfiguration configuration, TextWriter stdout)
    {
        var code = new Option<string>("--code") { Description = "Short unique code, e.g. city-hospital-3.", Required = true };
        var name = new Option<string>("--name") { Description = "The organisation's name.", Required = true };
        var kind = new Option<string>("--kind") { Description = $"{Wire.OneOf<SubmitterKind>()}.", DefaultValueFactory = _ => SubmitterKind.Hospital.ToWire() };
        kind.AcceptOnlyFromAmong([.. Wire.All<SubmitterKind>()]);
        var create = new Command("create", "Add a hospital or collection site that may submit batches.") { code, name, kind };
        create.SetAction(async (parse, ct) =>
        {
            var submitterKind = Wire.Parse<SubmitterKind>(parse.GetValue(kind))!.Value;
            var created = await SendAsync(configuration, new CreateSubmitter(parse.GetValue(code)!, parse.GetValue(name)!, submitterKind), ct);
            await stdout.WriteLineAsync($"Submitter {created.Code} created ({created.Name}, {created.Kind}).");
            return 0;
        });
        return new Command("submitter", "Hospitals and collection sites.") { create };
    }

    private static Command ApiKeyCommand(IConfiguration configuration, TextWriter stdout)
    {
        var submitter = new Option<string>("--submitter") { Description = "The submitter's code." };
        var station = new Option<string>("--station") { Description = "A lab bench station's name (scanner, instrument PC): a key for the lab endpoints." };
        var create = new Command("create", "Issue an API key for a submitter or a lab station. The key is printed once and stored only as a hash.") { submitter, station };
        create.Validators.Add(result =>
        {
            if ((result.GetValue(submitter) is null) == (result.GetValue(station) is null)) result.AddError("Give either --submitter or --station.");
        });
        create.SetAction(async (parse, ct) =>
        {
            var issued = parse.GetValue(station) is { } name
                ? await SendAsync(configuration, new CreateStationApiKey(name), ct)
                : await SendAsync(configuration, new CreateApiKey(parse.GetValue(submitter)!), ct);
            await stdout.WriteLineAsync($"API key for {issued.SubmitterCode} (shown once, keep it safe):");
            await stdout.WriteLineAsync(issued.Key);
            return 0;
        });
        return new Command("apikey", "API keys of submitters.") { create };
    }

    /// <summary>Who did it, in a tube's history, when the CLI does it.</summary>
    internal static string Actor => "cli:" + Environment.UserName;

    private static Command BoxCommand(IConfiguration configuration, TextWriter stdout)
    {
        var box = new Argument<string>("box") { Description = "The box barcode." };
        var tubes = new Argument<string[]>("tubes") { Description = "Tube barcodes, in scan order.", Arity = ArgumentArity.OneOrMore };
        var scan = new Command("scan", "Scan tubes into a box at receipt.") { box, tubes };
        scan.SetAction(async (parse, ct) =>
        {
            foreach (var tube in parse.GetValue(tubes)!)
            {
                var result = await SendAsync(configuration, new ScanTube(parse.GetValue(box)!, Guid.CreateVersion7(), tube, Actor), ct);
                await stdout.WriteLineAsync($"{result.Tube}\t{result.Outcome}\t{result.Scanned}/{result.Declared}");
            }
            return 0;
        });
        var closeBox = new Argument<string>("box") { Description = "The box barcode." };
        var close = new Command("close", "Close a box and list every discrepancy between what was declared and what was scanned.") { closeBox };
        close.SetAction(async (parse, ct) =>
        {
            var closed = await SendAsync(configuration, new CloseBox(parse.GetValue(closeBox)!, Actor), ct);
            await stdout.WriteLineAsync($"Box {closed.Barcode} closed: {closed.Discrepancies.Count} discrepancies.");
            foreach (var d in closed.Discrepancies) await stdout.WriteLineAsync($"{d.Number}\t{d.Kind}\t{d.Barcode ?? "-"}\t{d.Description}");
            return 0;
        });
        var resolveBox = new Argument<string>("box") { Description = "The box barcode." };
        var number = new Argument<int>("number") { Description = "The discrepancy's number, as listed when the box was closed." };
        var resolution = new Option<string>("--as") { Description = "lost or found (missing), received or returned (extra), returned or destroyed (unknown), acknowledged (duplicate, count-mismatch).", Required = true };
        var note = new Option<string>("--note") { Description = "What happened (required for lost, returned and destroyed)." };
        var resolve = new Command("resolve", "Resolve a discrepancy of a closed box.") { resolveBox, number, resolution, note };
        resolve.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(number);
            var resolved = await SendAsync(configuration, new ResolveDiscrepancy(parse.GetValue(resolveBox)!, n, parse.GetValue(resolution)!, parse.GetValue(note), Actor), ct);
            var d = resolved.Discrepancies.Single(x => x.Number == n);
            await stdout.WriteLineAsync($"Box {resolved.Barcode}: discrepancy {d.Number} ({d.Kind} {d.Barcode ?? "-"}) resolved as {d.Resolution}; "
                + (resolved.Reconciled ? "the box is reconciled." : $"{resolved.OpenDiscrepancies} open."));
            return 0;
        });
        return new Command("box", "Receiving boxes of tubes.") { scan, close, resolve };
    }

    private static Command TubeCommand(IConfiguration configuration, TextWriter stdout)
    {
        var tube = new Argument<string>("tube") { Description = "The tube barcode." };
        var reason = new Option<string>("--reason") { Description = "leaking, unlabelled, over-capacity, wrong-container, unknown or other.", Required = true };
        var note = new Option<string>("--note") { Description = "What happened (required for 'other')." };
        var reject = new Command("reject", "Reject a tube at receipt.") { tube, reason, note };
        reject.SetAction(async (parse, ct) =>
        {
            var rejected = await SendAsync(configuration, new RejectTube(parse.GetValue(tube)!, parse.GetValue(reason)!, parse.GetValue(note), Actor), ct);
            await stdout.WriteLineAsync($"Tube {rejected.Tube} rejected ({rejected.Reason}).");
            return 0;
        });
        return new Command("tube", "Tubes at the bench.") { reject };
    }

    private static Command RecallCommand(IConfiguration configuration, TextWriter stdout)
    {
        var status = new Option<string?>("--status") { Description = "open, overdue or closed (default: all)." };
        var listJson = new Option<bool>("--json") { Description = "Print the cases as JSON." };
        var list = new Command("list", "Recall cases of positive pools, open ones first by deadline.") { status, listJson };
        list.SetAction(async (parse, ct) =>
        {
            var cases = await SendAsync(configuration, new ListRecallCases(null, parse.GetValue(status)), ct);
            if (parse.GetValue(listJson))
            {
                await stdout.WriteLineAsync(JsonSerializer.Serialize(cases, JsonSerializerOptions.Web));
                return 0;
            }
            foreach (var c in cases)
                await stdout.WriteLineAsync($"{c.Id}\t{c.Pool}\t{c.Status}{(c.OverdueSince is null ? "" : " (overdue)")}\tdue {c.DueAt:u}\t{c.Outstanding} of {c.Members.Count} outstanding");
            return 0;
        });
        var id = new Argument<Guid>("id") { Description = "The recall case id." };
        var show = new Command("show", "One recall case: each member (masked), the tube ordered for them, the result once known.") { id };
        show.SetAction(async (parse, ct) =>
        {
            var c = await SendAsync(configuration, new GetRecallCase(parse.GetValue(id), null), ct)
                ?? throw new NotFoundException($"There is no recall case {parse.GetValue(id)}.");
            await stdout.WriteLineAsync($"Recall of pool {c.Pool} ({c.Site}): {c.Status}, due {c.DueAt:u}, {c.Outstanding} of {c.Members.Count} outstanding.");
            foreach (var m in c.Members)
                await stdout.WriteLineAsync($"{m.Position}\t{m.IdNumber}\t{m.OrderBarcode}\t{m.Result ?? "-"}");
            return 0;
        });
        return new Command("recall", "Recall cases of positive pools.") { list, show };
    }

    /// <summary>Exit code of <c>lims audit verify</c> when the chain is broken.</summary>
    public const int ChainBroken = 3;

    private static Command AuditCommand(IConfiguration configuration, TextWriter stdout, TextWriter stderr)
    {
        var verify = new Command("verify", $"Walk the audit chain in order and name the first broken link (exit {ChainBroken}).");
        verify.SetAction(async (_, ct) =>
        {
            var result = await SendAsync(configuration, new VerifyAuditChain(), ct);
            if (result.Break is { } broken)
            {
                await stderr.WriteLineAsync($"lims: {broken.Describe()}; {result.Events:N0} events before it are intact.");
                return ChainBroken;
            }
            await stdout.WriteLineAsync($"{result.Events} events, chain intact (head {result.HeadHash})");
            return 0;
        });

        var entity = new Option<string>("--entity") { Description = "TYPE:ID, e.g. tube:TB00000001, box:B0001, plate:P0001, registered-kit:my-kit@1, submission:<id>.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the events as JSON." };
        var show = new Command("show", "The audit events of one entity, oldest first.") { entity, json };
        show.SetAction(async (parse, ct) =>
        {
            var named = parse.GetValue(entity)!;
            var colon = named.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == named.Length - 1)
                throw new RequestValidationException(new Dictionary<string, string[]> { ["entity"] = ["Name the entity as TYPE:ID, e.g. tube:TB00000001."] });
            var events = new List<AuditEventView>();
            for (long after = 0; ;)
            {
                var page = await SendAsync(configuration, new ListAuditEvents(after, named[..colon], named[(colon + 1)..], ListAuditEvents.MaxLimit), ct);
                events.AddRange(page.Events);
                if (page.Next is not { } next) break;
                after = next;
            }
            if (parse.GetValue(json))
            {
                await stdout.WriteLineAsync(JsonSerializer.Serialize(events, JsonSerializerOptions.Web));
                return 0;
            }
            foreach (var e in events)
                await stdout.WriteLineAsync($"{e.Seq}\t{e.At:yyyy-MM-dd HH:mm:ss.fff}Z\t{e.Actor}\t{e.Action}\t{e.Before?.GetRawText() ?? "-"} -> {e.After?.GetRawText() ?? "-"}\t{e.Reason ?? "-"}");
            return 0;
        });
        return new Command("audit", "The tamper-evident audit trail.") { verify, show };
    }

    private static Command InactivationCommand(IConfiguration configuration, TextWriter stdout)
    {
        var code = new Argument<string>("code") { Description = "The batch code (rack or run barcode)." };
        var method = new Option<string>("--method") { Description = "heat (56 °C, 30 min) or chemical.", DefaultValueFactory = _ => "heat" };
        method.AcceptOnlyFromAmong("heat", "chemical");
        var equipment = new Option<string>("--equipment") { Description = "The heat block, bath or cabinet.", Required = true };
        var tubes = new Argument<string[]>("tubes") { Description = "Received tube barcodes.", Arity = ArgumentArity.OneOrMore };
        var start = new Command("start", "Start an inactivation batch with received tubes.") { code, method, equipment, tubes };
        start.SetAction(async (parse, ct) =>
        {
            var batch = await SendAsync(configuration, new StartInactivation(parse.GetValue(code)!, parse.GetValue(method)!, parse.GetValue(equipment)!, null, parse.GetValue(tubes)!, Actor), ct);
            await stdout.WriteLineAsync($"Inactivation batch {batch.Code} started at {batch.StartedAt:u}: {batch.Tubes.Count} tubes, {batch.Method}, {batch.RequiredMinutes} min.");
            return 0;
        });
        var completeCode = new Argument<string>("code") { Description = "The batch code." };
        var reason = new Option<string>("--override") { Description = "Why a run shorter than its method requires is accepted." };
        var complete = new Command("complete", "End the run and inactivate the batch's tubes.") { completeCode, reason };
        complete.SetAction(async (parse, ct) =>
        {
            var batch = await SendAsync(configuration, new CompleteInactivation(parse.GetValue(completeCode)!, parse.GetValue(reason), Actor), ct);
            await stdout.WriteLineAsync($"Inactivation batch {batch.Code} completed at {batch.EndedAt:u}: {batch.Tubes.Count} tubes inactivated.");
            return 0;
        });
        return new Command("inactivation", "Inactivation batches.") { start, complete };
    }

    private static Command KitCommand(IConfiguration configuration, TextWriter stdout)
    {
        var file = new Argument<FileInfo>("file") { Description = "The kit's JSON definition." };
        var add = new Command("add", "Add a lab's own assay kit; a changed kit needs a new version.") { file };
        add.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists) throw new NotFoundException($"There is no file {path.FullName}.");
            var kit = await SendAsync(configuration, new RegisterKit(await File.ReadAllTextAsync(path.FullName, ct), Actor), ct);
            await stdout.WriteLineAsync($"Kit {kit.Code} version {kit.Version} ({kit.Name}) is available.");
            return 0;
        });
        var list = new Command("list", "List the built-in kits and every version of the lab's own.");
        list.SetAction(async (_, ct) =>
        {
            foreach (var kit in await SendAsync(configuration, new ListKits(), ct))
                await stdout.WriteLineAsync($"{kit.Code}\t{kit.Version}\t{(kit.BuiltIn ? "built-in" : "lab")}\t{kit.Name}");
            return 0;
        });
        return new Command("kit", "Assay kits.") { add, list };
    }

    private static Command PlateCommand(IConfiguration configuration, TextWriter stdout)
    {
        var plate = new Argument<string>("plate") { Description = "The plate barcode." };
        var kit = new Option<string>("--kit") { Description = "The assay kit code.", Required = true };
        var size = new Option<int>("--size") { Description = "96 or 384 wells.", DefaultValueFactory = _ => 96 };
        var fill = new Option<string>("--fill") { Description = "Fill order: column (A1, B1, …) or row (A1, A2, …).", DefaultValueFactory = _ => "column" };
        fill.AcceptOnlyFromAmong("column", "row");
        var create = new Command("create", "A new plate for a kit, its controls in place.") { plate, kit, size, fill };
        create.SetAction(async (parse, ct) =>
        {
            var made = await SendAsync(configuration, new CreatePlate(parse.GetValue(plate)!, parse.GetValue(size), parse.GetValue(kit)!, null, parse.GetValue(fill)!, Actor), ct);
            await stdout.WriteLineAsync($"Plate {made.Barcode} ({made.Size} wells, {made.Kit} {made.KitVersion}): controls in {string.Join(", ", made.Wells.Select(w => $"{w.Well} {w.Name}"))}.");
            return 0;
        });
        var placePlate = new Argument<string>("plate") { Description = "The plate barcode." };
        var tubes = new Argument<string[]>("tubes") { Description = "Tube barcodes in scan order.", Arity = ArgumentArity.OneOrMore };
        var place = new Command("place", "Place tubes in the next free wells, in scan order.") { placePlate, tubes };
        place.SetAction(async (parse, ct) =>
        {
            foreach (var tube in parse.GetValue(tubes)!)
            {
                var placed = await SendAsync(configuration, new PlaceTube(parse.GetValue(placePlate)!, tube, null, Actor), ct);
                await stdout.WriteLineAsync($"{placed.Tube}\t{placed.Well}");
            }
            return 0;
        });
        var sealPlate = new Argument<string>("plate") { Description = "The plate barcode." };
        var seal = new Command("seal", "Seal a plate: its layout is final.") { sealPlate };
        seal.SetAction(async (parse, ct) =>
        {
            var sealedPlate = await SendAsync(configuration, new SealPlate(parse.GetValue(sealPlate)!, Actor), ct);
            await stdout.WriteLineAsync($"Plate {sealedPlate.Barcode} sealed with {sealedPlate.Wells.Count} wells in use.");
            return 0;
        });
        var mapPlate = new Argument<string>("plate") { Description = "The plate barcode." };
        var map = new Command("map", "Print the plate map as CSV for the instrument's sample set-up.") { mapPlate };
        map.SetAction(async (parse, ct) =>
        {
            await stdout.WriteAsync((await SendAsync(configuration, new GetPlateMap(parse.GetValue(mapPlate)!), ct)).Csv);
            return 0;
        });
        var importPlate = new Argument<string>("plate") { Description = "The plate barcode." };
        var runFile = new Argument<FileInfo>("file") { Description = "The instrument's result file (format detected from its content)." };
        var importJson = new Option<bool>("--json") { Description = "Print the run as JSON (as GET /api/v1/lab/plates/{plate}/run answers)." };
        var import = new Command("import", "Import the instrument's result file of a sealed plate: match, interpret, apply to its tubes.") { importPlate, runFile, importJson };
        import.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(runFile)!;
            if (!file.Exists) throw new NotFoundException($"There is no file {file.FullName}.");
            if (file.Length > InstrumentFileReader.MaxFileBytes) throw new InstrumentFileException($"{file.FullName} has {file.Length:N0} bytes; an instrument file has at most {InstrumentFileReader.MaxFileBytes:N0}.");
            var result = await SendAsync(configuration, new ImportRun(parse.GetValue(importPlate)!, file.Name, await File.ReadAllBytesAsync(file.FullName, ct), Actor), ct);
            var run = result.Run;
            if (parse.GetValue(importJson))
            {
                await stdout.WriteLineAsync(JsonSerializer.Serialize(run, JsonSerializerOptions.Web));
                return 0;
            }
            await stdout.WriteLineAsync($"Plate {run.Plate}: {run.File.Name} ({run.Format}, SHA-256 {run.File.Sha256}) {(result.Replayed ? "was imported already" : "imported")}; QC {run.Qc.Status}.");
            foreach (var reason in run.Qc.Reasons) await stdout.WriteLineAsync($"  - {reason}");
            foreach (var tube in run.Tubes)
                await stdout.WriteLineAsync($"{tube.Tube}\t{tube.Well}\t{tube.Call ?? "-"}\t{tube.Outcome}{(tube.Hold is null ? "" : "\t" + tube.Hold)}");
            return 0;
        });
        return new Command("plate", "Plates.") { create, place, seal, map, import };
    }

    private static Task<T> SendAsync<T>(IConfiguration configuration, ICommand<T> command, CancellationToken ct) =>
        WithSenderAsync(configuration, true, sender => sender.Send(command, ct), ct);

    private static Task<T> SendAsync<T>(IConfiguration configuration, IQuery<T> query, CancellationToken ct) =>
        WithSenderAsync(configuration, true, sender => sender.Send(query, ct), ct);

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

    private static ServiceProvider Services(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging();
        services.AddLimsApplication();
        services.AddMediator((MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors = [typeof(ValidationBehavior<,>)];
        });
        services.AddLimsInfrastructure(configuration, out _);
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
