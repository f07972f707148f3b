using System.Net;
using System.Net.Http.Headers;
using Lims.Api.Tests.Infrastructure;
using Lims.Application.Features.Submitters;
using Lims.Cli;
using Lims.Domain.Labels;
using Lims.Infrastructure.Persistence;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Lims.Api.Tests;

/// <summary>The <c>lims</c> command line against the same database as a running API.</summary>
public sealed class CliTests(SqliteApi fixture) : IClassFixture<SqliteApi>
{
    private readonly LimsApiFactory _api = fixture.Api;

    [Fact]
    public async Task A_key_created_with_the_cli_opens_the_api()
    {
        var code = "cli-" + Guid.NewGuid().ToString("N")[..8];
        var created = await RunAsync("submitter", "create", "--code", code, "--name", "Cli Hospital", "--kind", "collection-site");
        var issued = await RunAsync("apikey", "create", "--submitter", code);

        Assert.Equal(0, created.Exit);
        Assert.Equal(0, issued.Exit);
        var key = issued.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        Assert.StartsWith("lims_", key, StringComparison.Ordinal);
        var client = _api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", key);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/tubes/NOSUCHTUBE")).StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", key + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/tubes/NOSUCHTUBE")).StatusCode);
    }

    [Fact]
    public async Task A_staff_account_created_with_the_cli_signs_in_and_a_duplicate_or_unknown_role_is_refused()
    {
        var name = "cli.reviewer" + Guid.NewGuid().ToString("N")[..4];
        var created = await RunAsync("user", "create", "--name", name, "--role", "senior-reviewer");
        Assert.Equal(0, created.Exit);
        var password = created.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1].Split(": ")[1];
        var login = await _api.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName = name, password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);

        var again = await RunAsync("user", "create", "--name", name, "--role", "reviewer");
        Assert.Equal((2, $"lims: A user named '{name}' already exists."), (again.Exit, again.Err.Trim()));
        var role = await RunAsync("user", "create", "--name", "someone", "--role", "boss");
        Assert.Equal(2, role.Exit);
        Assert.Contains("'boss' is not a role", role.Err, StringComparison.Ordinal);
        var listed = await RunAsync("user", "list");
        Assert.Contains(name, listed.Out, StringComparison.Ordinal);
        Assert.Contains("senior-reviewer", listed.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cli_disables_re_roles_and_resets_a_staff_account_and_refuses_a_weak_password_with_one_line()
    {
        var name = "cli.tech" + Guid.NewGuid().ToString("N")[..4];
        Assert.Equal(0, (await RunAsync("user", "create", "--name", name, "--role", "technician", "--password", "correct horse battery")).Exit);

        var weak = await RunAsync("user", "create", "--name", name + "x", "--role", "technician", "--password", "Password2026!");
        Assert.Equal(2, weak.Exit);
        Assert.Single(weak.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("too common", weak.Err, StringComparison.Ordinal);
        var weakReset = await RunAsync("user", "password", name, "--password", "aaaaaaaaaaaaaaa");
        Assert.Equal(2, weakReset.Exit);
        Assert.Contains("one character repeated", weakReset.Err, StringComparison.Ordinal);

        Assert.Equal((0, $"{name}: technician, disabled."), Trimmed(await RunAsync("user", "disable", name)));
        Assert.Contains("disabled", (await RunAsync("user", "list")).Out.Split('\n').Single(l => l.StartsWith(name + " ", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName = name, password = "correct horse battery" })).StatusCode);
        Assert.Equal((0, $"{name}: technician, active."), Trimmed(await RunAsync("user", "enable", name)));
        Assert.Equal((0, $"{name}: reviewer, active."), Trimmed(await RunAsync("user", "role", name, "--role", "reviewer")));
        var reset = await RunAsync("user", "password", name);
        Assert.Equal(0, reset.Exit);
        var password = reset.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1].Split(": ")[1];
        Assert.Equal(HttpStatusCode.OK, (await _api.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName = name, password })).StatusCode);
        var unknown = await RunAsync("user", "disable", "nobody-at-all");
        Assert.NotEqual(0, unknown.Exit);
        Assert.Single(unknown.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        static (int, string) Trimmed((int Exit, string Out, string Err) run) => (run.Exit, run.Out.Trim());
    }

    [Fact]
    public async Task The_cli_lists_api_keys_without_the_key_and_a_revoked_key_opens_the_api_no_more()
    {
        var code = "cli-" + Guid.NewGuid().ToString("N")[..8];
        await RunAsync("submitter", "create", "--code", code, "--name", "Cli Hospital", "--kind", "collection-site");
        var key = (await RunAsync("apikey", "create", "--submitter", code)).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        var client = _api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", key);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/tubes/NOSUCHTUBE")).StatusCode);

        var listed = await RunAsync("apikey", "list", "--submitter", code);
        Assert.Equal(0, listed.Exit);
        var line = Assert.Single(listed.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain(key, listed.Out, StringComparison.Ordinal);
        Assert.EndsWith("active", line.Trim(), StringComparison.Ordinal);
        var revoked = await RunAsync("apikey", "revoke", line.Split(' ')[0]);

        Assert.Equal(0, revoked.Exit);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/tubes/NOSUCHTUBE")).StatusCode);
        Assert.Contains("revoked", (await RunAsync("apikey", "list", "--submitter", code)).Out, StringComparison.Ordinal);
        var unknown = await RunAsync("apikey", "revoke", Guid.NewGuid().ToString());
        Assert.NotEqual(0, unknown.Exit);
        Assert.Single(unknown.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("apikey create --submitter no-such-submitter", "There is no submitter 'no-such-submitter'")]
    [InlineData("submitter create --code Bad_Code --name X", "submitter code")]
    public async Task A_refused_command_exits_2_with_one_line(string arguments, string expected)
    {
        var result = await RunAsync(arguments.Split(' '));

        Assert.Equal(2, result.Exit);
        var line = Assert.Single(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("lims: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Creating_a_submitter_twice_is_refused()
    {
        var code = "twice-" + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(0, (await RunAsync("submitter", "create", "--code", code, "--name", "A")).Exit);

        var again = await RunAsync("submitter", "create", "--code", code, "--name", "B");

        Assert.Equal(2, again.Exit);
        Assert.Contains("already exists", again.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_usage_error_exits_non_zero()
    {
        Assert.NotEqual(0, (await RunAsync("apikey", "create")).Exit);
        Assert.NotEqual(0, (await RunAsync("no-such-command")).Exit);
    }

    [Fact]
    public async Task Db_migrate_creates_the_schema_on_postgresql()
    {
        var connection = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();

        var result = await LimsCliRun(["db", "migrate"], [new("Database:Provider", "PostgreSql"), new("ConnectionStrings:Lims", connection)]);

        Assert.Equal(0, result.Exit);
        Assert.Contains("PostgreSql", result.Out, StringComparison.Ordinal);
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_name IN ('tubes','tube_members','tube_events','submissions','submitters','api_keys')", db);
        Assert.Equal(6L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Db_script_writes_the_committed_scripts()
    {
        var output = Path.Combine(Path.GetTempPath(), "lims-scripts-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var result = await RunAsync("db", "script", "--out", output);

            Assert.Equal(0, result.Exit);
            foreach (var provider in Enum.GetValues<DatabaseProvider>())
                Assert.Equal(
                    await File.ReadAllTextAsync(DatabaseMigrator.ScriptPath(Path.Combine(SchemaTests.RepositoryRoot(), "db"), provider)),
                    await File.ReadAllTextAsync(DatabaseMigrator.ScriptPath(output, provider)));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task A_lab_station_receives_a_box_and_rejects_a_tube_from_the_cli()
    {
        var hospital = await _api.ClientForNewSubmitterAsync();
        var tubes = new[] { TestData.NewBarcode(), TestData.NewBarcode() };
        await hospital.SendAsync(TestData.Post(TestData.Batch([.. tubes.Select(t => (object)TestData.Tube(t))])));
        var box = TestData.NewBarcode("B");
        await hospital.PostAsync("/api/v1/boxes", JsonContent.Create(new { barcode = box, declaredCount = 2, tubes }));

        var station = await RunAsync("apikey", "create", "--station", "bench-7");
        var scan = await RunAsync("box", "scan", box, tubes[0], "NOSUCHTUBE");
        var reject = await RunAsync("tube", "reject", tubes[0], "--reason", "leaking");
        var close = await RunAsync("box", "close", box);
        var neither = await RunAsync("apikey", "create");

        Assert.Equal(0, station.Exit);
        Assert.StartsWith("lims_", station.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1], StringComparison.Ordinal);
        Assert.Equal(0, scan.Exit);
        // The counter counts the box's tubes only: the unknown barcode is an exception beside it, not a third of two.
        Assert.Equal([$"{tubes[0]}\texpected\t1/2 matched\t0 extra, 0 unknown, 0 duplicate", "NOSUCHTUBE\tunknown\t1/2 matched\t0 extra, 1 unknown, 0 duplicate"], scan.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(0, reject.Exit);
        Assert.Equal(0, close.Exit);
        Assert.Contains("2 discrepancies", close.Out, StringComparison.Ordinal);
        Assert.Contains($"missing\t{tubes[1]}", close.Out, StringComparison.Ordinal);
        Assert.NotEqual(0, neither.Exit);
        var tube = await (await hospital.GetAsync($"/api/v1/tubes/{tubes[0]}")).JsonAsync();
        Assert.Equal("rejected", tube.GetProperty("status").GetString());
        Assert.StartsWith("cli:", tube.GetProperty("history").EnumerateArray().Last().GetProperty("by").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plate_is_loaded_sealed_and_its_run_imported_from_the_cli()
    {
        var (_, _, tubes) = await _api.InactivatedTubesAsync(2);
        var plate = TestData.NewBarcode("P");
        var file = Path.Combine(_api.DataDirectory, $"{plate}.csv");
        await File.WriteAllTextAsync(file, $"""
            well,sample,target,ct
            A1,{tubes[0]},ORF1ab,22.5
            A1,{tubes[0]},N,23.1
            A1,{tubes[0]},IC,27.0
            B1,{tubes[1]},ORF1ab,Undetermined
            B1,{tubes[1]},N,Undetermined
            B1,{tubes[1]},IC,26.8
            G12,NTC,ORF1ab,Undetermined
            G12,NTC,N,Undetermined
            G12,NTC,IC,Undetermined
            H12,PC,ORF1ab,25.0
            H12,PC,N,25.5
            H12,PC,IC,Undetermined
            """);
        var garbage = Path.Combine(_api.DataDirectory, $"{plate}.txt");
        await File.WriteAllTextAsync(garbage, "no result file\n");

        Assert.Equal(0, (await RunAsync("plate", "create", plate, "--kit", "cn-orf1ab-n")).Exit);
        Assert.Equal(0, (await RunAsync("plate", "place", plate, tubes[0], tubes[1])).Exit);
        var early = await RunAsync("plate", "import", plate, file);
        Assert.Equal(0, (await RunAsync("plate", "seal", plate)).Exit);
        var bad = await RunAsync("plate", "import", plate, garbage);
        var imported = await RunAsync("plate", "import", plate, file);
        var again = await RunAsync("plate", "import", plate, file);

        Assert.Equal((2, ""), (early.Exit, early.Out));
        Assert.StartsWith($"lims: Plate {plate} is not sealed yet", early.Err, StringComparison.Ordinal);
        Assert.Equal(2, bad.Exit);
        Assert.Single(bad.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("lims: file: The file is not a result format Lims reads", bad.Err, StringComparison.Ordinal);
        Assert.Equal(0, imported.Exit);
        var lines = imported.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith($"Plate {plate}: {plate}.csv (plain-csv, SHA-256 ", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(") imported; QC pass.", lines[0], StringComparison.Ordinal);
        // The kit checks curves and a plain CSV has none: QC says so.
        Assert.Equal("  note: curve check skipped: no curves in file", lines[1]);
        Assert.Equal([$"{tubes[0]}\tA1\tpositive\tcalled\tpool-positive-awaiting-deconvolution", $"{tubes[1]}\tB1\tnegative\tcalled"], lines[2..]);
        Assert.Equal(0, again.Exit);
        Assert.Contains("was imported already", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lab_station_resolves_the_discrepancies_of_a_closed_box_from_the_cli()
    {
        var hospital = await _api.ClientForNewSubmitterAsync();
        var tubes = new[] { TestData.NewBarcode(), TestData.NewBarcode() };
        await hospital.SendAsync(TestData.Post(TestData.Batch([.. tubes.Select(t => (object)TestData.Tube(t))])));
        var box = TestData.NewBarcode("B");
        await hospital.PostAsync("/api/v1/boxes", JsonContent.Create(new { barcode = box, declaredCount = 2, tubes }));
        await RunAsync("box", "scan", box, tubes[0]);

        var close = await RunAsync("box", "close", box);
        var noNote = await RunAsync("box", "resolve", box, "1", "--as", "lost");
        var found = await RunAsync("box", "resolve", box, "1", "--as", "found");
        var differently = await RunAsync("box", "resolve", box, "1", "--as", "lost", "--note", "gone");
        var noSuch = await RunAsync("box", "resolve", box, "7", "--as", "acknowledged");
        var count = await RunAsync("box", "resolve", box, "2", "--as", "acknowledged", "--note", "one tube arrived late");
        var noAs = await RunAsync("box", "resolve", box, "2");

        Assert.Equal(0, close.Exit);
        Assert.Contains($"1\tmissing\t{tubes[1]}", close.Out, StringComparison.Ordinal);
        Assert.Contains("2\tcount-mismatch\t-", close.Out, StringComparison.Ordinal);
        Assert.Equal(2, noNote.Exit);
        Assert.StartsWith("lims: note: ", Assert.Single(noNote.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Equal(0, found.Exit);
        Assert.Equal($"Box {box}: discrepancy 1 (missing {tubes[1]}) resolved as found; 1 open.", found.Out.Trim());
        Assert.Equal(2, differently.Exit);
        Assert.Contains("already resolved as found", differently.Err, StringComparison.Ordinal);
        Assert.Equal(2, noSuch.Exit);
        Assert.Contains($"Box {box} has no discrepancy 7", noSuch.Err, StringComparison.Ordinal);
        Assert.Equal(0, count.Exit);
        Assert.EndsWith("resolved as acknowledged; the box is reconciled.", count.Out.Trim(), StringComparison.Ordinal);
        Assert.Equal(1, noAs.Exit);
        var tube = await (await hospital.GetAsync($"/api/v1/tubes/{tubes[1]}")).JsonAsync();
        Assert.Equal("received", tube.GetProperty("status").GetString());
        Assert.StartsWith("cli:", tube.GetProperty("history").EnumerateArray().Last().GetProperty("by").GetString(), StringComparison.Ordinal);
        var seen = await (await hospital.GetAsync($"/api/v1/boxes/{box}")).JsonAsync();
        Assert.True(seen.GetProperty("reconciled").GetBoolean());
    }

    [Fact]
    public async Task Recall_cases_are_listed_and_shown_from_the_cli()
    {
        var (_, lab, pools) = await _api.InactivatedTubesAsync(1);
        var plate = await LabFlow.SealedPlateAsync(lab, pools);
        await lab.SendAsync(RunFiles.Upload(plate, RunFiles.Csv(plate, pools, [RunFiles.Positive], RunFiles.Negative)));

        var list = await RunAsync("recall", "list", "--status", "open");
        var line = list.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single(l => l.Contains(pools[0], StringComparison.Ordinal));
        var show = await RunAsync("recall", "show", line.Split('\t')[0]);
        var unknown = await RunAsync("recall", "show", Guid.NewGuid().ToString());
        var badStatus = await RunAsync("recall", "list", "--status", "lost");

        Assert.Equal(0, list.Exit);
        Assert.EndsWith("3 of 3 outstanding", line, StringComparison.Ordinal);
        Assert.Equal(0, show.Exit);
        var lines = show.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith($"Recall of pool {pools[0]}", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines[1..].Count(l => l.Split('\t')[2].StartsWith("RC", StringComparison.Ordinal)));
        Assert.Equal(2, unknown.Exit);
        Assert.Equal(2, badStatus.Exit);
        Assert.StartsWith("lims: status: The status is open, overdue, closed or withdrawn.", badStatus.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_submitter_is_created_once_with_a_working_key()
    {
        var key = await _api.SendAsync(sender => sender.Send(new EnsureDemoSubmitter()).AsTask());
        var again = await _api.SendAsync(sender => sender.Send(new EnsureDemoSubmitter()).AsTask());

        Assert.NotNull(key);
        Assert.Null(again);
        var client = _api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", key);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/tubes/NOSUCHTUBE")).StatusCode);
    }

    [Fact]
    public async Task Labels_issue_takes_a_range_from_the_database_and_writes_its_labels()
    {
        var prefix = "C" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var directory = Directory.CreateTempSubdirectory("lims-issue-");
        try
        {
            var file = Path.Combine(directory.FullName, "tubes.zpl");
            var first = await RunAsync("labels", "issue", "--prefix", prefix, "--count", "5", "--purpose", "site 7", "--out", file);
            var second = await RunAsync("labels", "issue", "--prefix", prefix, "--count", "2", "--kind", "box", "--json");
            var pdf = Path.Combine(directory.FullName, "plates.labels");
            var third = await RunAsync("labels", "issue", "--prefix", prefix, "--count", "1", "--kind", "plate", "--out", pdf, "--format", "pdf");

            Assert.Equal(0, first.Exit);
            var lines = first.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, lines.Length);
            Assert.StartsWith($"Issued 5 tube barcodes {BarcodeRange.Format(prefix, 1)} to {BarcodeRange.Format(prefix, 5)} (range ", lines[0], StringComparison.Ordinal);
            Assert.Equal($"Wrote 5 tube labels (ZPL) to {file}", lines[1]);
            var zpl = await File.ReadAllTextAsync(file);
            Assert.Equal(5, zpl.Split("^XA").Length - 1);
            Assert.Equal(5, zpl.Split("^XZ").Length - 1);
            Assert.Contains($"^FD{BarcodeRange.Format(prefix, 5)}^FS", zpl, StringComparison.Ordinal);

            Assert.Equal(0, second.Exit);
            var range = System.Text.Json.JsonDocument.Parse(second.Out).RootElement;
            Assert.Equal((6, 7, "box"), (range.GetProperty("first").GetInt64(), range.GetProperty("last").GetInt64(), range.GetProperty("kind").GetString()));
            Assert.StartsWith("cli:", range.GetProperty("issuedBy").GetString(), StringComparison.Ordinal);
            // The API sees the range the CLI issued.
            var lab = await _api.LabClientAsync();
            var fetched = await (await lab.GetAsync($"/api/v1/lab/barcode-ranges/{range.GetProperty("id").GetGuid()}")).JsonAsync();
            Assert.Equal(BarcodeRange.Format(prefix, 7), fetched.GetProperty("lastBarcode").GetString());

            Assert.Equal(0, third.Exit);
            Assert.StartsWith("%PDF-", await File.ReadAllTextAsync(pdf), StringComparison.Ordinal);
            Assert.Empty(directory.GetFiles("*.partial"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Labels_issue_refuses_a_bad_prefix_or_an_unwritable_file_before_issuing_anything()
    {
        var prefix = "D" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        Task<int> RangesAsync() => _api.WithDbAsync(db => db.BarcodeAllocations.CountAsync());
        var before = await RangesAsync();

        var badPrefix = await RunAsync("labels", "issue", "--prefix", "t26", "--count", "5");
        var tooMany = await RunAsync("labels", "issue", "--prefix", prefix, "--count", "100001");
        var noDirectory = await RunAsync("labels", "issue", "--prefix", prefix, "--count", "5", "--out", $"/nonexistent-{prefix}/x.pdf");
        var formatAlone = await RunAsync("labels", "issue", "--prefix", prefix, "--count", "5", "--format", "pdf");
        var noCount = await RunAsync("labels", "issue", "--prefix", prefix);
        var badDpi = await RunAsync("labels", "issue", "--prefix", prefix, "--count", "5", "--out", Path.Combine(Path.GetTempPath(), $"{prefix}.zpl"), "--dpi", "250");
        var noSubmitter = await RunAsync("labels", "issue", "--prefix", prefix, "--count", "5", "--submitter", "no-such-submitter");

        foreach (var (result, expected) in new[] { (badPrefix, "prefix"), (tooMany, "count"), (noDirectory, "no directory"), (badDpi, "not 250"), (noSubmitter, "submitter: There is no submitter 'no-such-submitter'.") })
        {
            Assert.Equal(2, result.Exit);
            var line = Assert.Single(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("lims: ", line, StringComparison.Ordinal);
            Assert.Contains(expected, line, StringComparison.Ordinal);
            Assert.Equal("", result.Out);
        }
        Assert.Equal(1, formatAlone.Exit);
        Assert.Equal(1, noCount.Exit);
        Assert.Equal(before, await RangesAsync());
    }

    [Fact]
    public async Task Db_check_barcodes_lists_the_stored_barcodes_the_current_rule_refuses_and_exits_3()
    {
        var (_, _, tubes) = await _api.InactivatedTubesAsync(2);
        var clean = await RunAsync("db", "check-barcodes");
        var (slash, formula) = ("TB/" + tubes[0][^8..], "=" + tubes[1][^8..] + "+1");
        await _api.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE tubes SET barcode = {slash} WHERE barcode = {tubes[0]}"));
        await _api.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE tubes SET barcode = {formula} WHERE barcode = {tubes[1]}"));

        var check = await RunAsync("db", "check-barcodes");

        Assert.Equal(0, clean.Exit);
        Assert.EndsWith("stored barcodes checked: all pass.", clean.Out.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(LimsCli.CheckFailed, check.Exit);
        var lines = check.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith($"tube\t{slash}\t", StringComparison.Ordinal) && l.EndsWith("'/' (U+002F) at position 3.", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"tube\t{formula}\t", StringComparison.Ordinal) && l.EndsWith("starts with '=' (U+003D).", StringComparison.Ordinal));
        Assert.Contains("2 do not pass", lines[^1], StringComparison.Ordinal);
    }

    private Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) =>
        LimsCliRun(args, [new("Lims:DataDirectory", _api.DataDirectory)]);

    /// <summary>The command with <paramref name="input"/> on its standard input.</summary>
    private Task<(int Exit, string Out, string Err)> RunWithInputAsync(string input, params string[] args) =>
        LimsCliRun(args, [new("Lims:DataDirectory", _api.DataDirectory)], new StringReader(input));

    private static async Task<(int Exit, string Out, string Err)> LimsCliRun(string[] args, KeyValuePair<string, string?>[] settings, TextReader? stdin = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await LimsCli.RunAsync(args, stdout, stderr,
            [.. settings, new("Lims:Security:PersonalDataKey", LimsApiFactory.PersonalDataKey), new("Lims:Security:LookupKey", LimsApiFactory.LookupKey)], stdin);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Box_scan_without_a_scan_id_counts_each_scan_and_with_one_a_retry_changes_nothing()
    {
        var hospital = await _api.ClientForNewSubmitterAsync();
        var (a, b) = (TestData.NewBarcode(), TestData.NewBarcode());
        await hospital.SendAsync(TestData.Post(TestData.Batch(TestData.Tube(a), TestData.Tube(b))));
        var box = TestData.NewBarcode("B");
        Assert.Equal(HttpStatusCode.Created, (await hospital.PostAsJsonAsync("/api/v1/boxes", new { barcode = box, declaredCount = 2, tubes = new[] { a, b } })).StatusCode);
        var scanId = Guid.NewGuid().ToString();

        var twice = await RunAsync("box", "scan", box, a, a);
        var withId = await RunAsync("box", "scan", box, b, "--scan-id", scanId);
        var retried = await RunAsync("box", "scan", box, b, "--scan-id", scanId);
        var oneIdTwoTubes = await RunAsync("box", "scan", box, a, b, "--scan-id", Guid.NewGuid().ToString());

        Assert.Equal(0, twice.Exit);
        Assert.Equal(
            [$"{a}\texpected\t1/2 matched\t0 extra, 0 unknown, 0 duplicate", $"{a}\tduplicate\t1/2 matched\t0 extra, 0 unknown, 1 duplicate"],
            twice.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal((0, 0), (withId.Exit, retried.Exit));
        Assert.Equal(withId.Out, retried.Out);
        Assert.Contains("2/2 matched", retried.Out, StringComparison.Ordinal);
        Assert.Equal(1, oneIdTwoTubes.Exit);
        var view = await (await (await _api.LabClientAsync()).GetAsync($"/api/v1/lab/boxes/{box}")).JsonAsync();
        Assert.Equal(3, view.GetProperty("scans").GetArrayLength());
    }

    [Fact]
    public async Task Inactivation_complete_signs_a_short_run_with_a_senior_reviewers_password_read_from_standard_input()
    {
        var tube = await ReceivedTubeAsync();
        var code = TestData.NewBarcode("I");
        Assert.Equal(0, (await RunAsync("inactivation", "start", code, "--equipment", "Block 1", tube)).Exit);
        var senior = await _api.StaffClientAsync("senior-reviewer");

        var unsigned = await RunAsync("inactivation", "complete", code);
        var reasonAlone = await RunAsync("inactivation", "complete", code, "--override", "validated 20 min protocol");
        var wrong = await RunWithInputAsync("not the password\n", "inactivation", "complete", code, "--override", "validated 20 min protocol", "--signed-by", senior.UserName);
        var signed = await RunWithInputAsync(senior.Password + "\n", "inactivation", "complete", code, "--override", "validated 20 min protocol", "--signed-by", senior.UserName);

        Assert.Equal(2, unsigned.Exit);
        Assert.Contains("have a senior reviewer sign it", Assert.Single(unsigned.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Equal(1, reasonAlone.Exit);
        Assert.Equal(2, wrong.Exit);
        Assert.Equal("lims: The signature was refused: the password is wrong.", wrong.Err.Trim());
        Assert.Equal(0, signed.Exit);
        Assert.Contains($"short run signed off by {senior.UserName} (senior-reviewer): validated 20 min protocol.", signed.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(senior.Password, signed.Out + signed.Err, StringComparison.Ordinal);
    }

    /// <summary>A new tube of a new submitter, shipped in a box of its own and scanned in at a lab station.</summary>
    private async Task<string> ReceivedTubeAsync()
    {
        var hospital = await _api.ClientForNewSubmitterAsync();
        var tube = TestData.NewBarcode();
        await hospital.SendAsync(TestData.Post(TestData.Batch(TestData.Tube(tube))));
        var box = TestData.NewBarcode("B");
        Assert.Equal(HttpStatusCode.Created, (await hospital.PostAsJsonAsync("/api/v1/boxes", new { barcode = box, declaredCount = 1, tubes = new[] { tube } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await _api.LabClientAsync()).PostAsJsonAsync($"/api/v1/lab/boxes/{box}/scans", new { tube })).StatusCode);
        return tube;
    }
}
