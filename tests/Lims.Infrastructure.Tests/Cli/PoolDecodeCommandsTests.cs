using System.CommandLine;
using System.Text.Json;
using Lims.Cli;
using Lims.Cli.Commands;
using Lims.Domain.Common;
using Lims.Domain.Pools.Characteristics;
using Microsoft.Extensions.Configuration;

namespace Lims.Infrastructure.Tests.Cli;

/// <summary><c>lims pool decode</c>, through System.CommandLine as the CLI runs it, without a database.</summary>
public sealed class PoolDecodeCommandsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lims-pool-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string File(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    /// <summary>A 3 × 3 array of samples S1 … S9 row by row, rows R1 … R3 and columns C1 … C3, the rows given out of order.</summary>
    private string Array3x3() => File("design.csv", "pool,sample\n" + string.Join('\n',
        from s in new[] { 7, 1, 4, 2, 8, 5, 3, 9, 6 }
        from row in new[] { $"R{(s - 1) / 3 + 1},S{s}", $"C{(s - 1) % 3 + 1},S{s}" }
        select row) + "\n");

    private static async Task<(int Exit, string Out)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var root = new RootCommand("lims") { PoolAnalysisCommands.PoolCommand([PoolDecodeCommands.Decode(stdout, new CliSender(new ConfigurationBuilder().Build(), database: false))]) };
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = new StringWriter(), EnableDefaultExceptionHandler = false });
        return (exit, stdout.ToString());
    }

    private static string[] Strings(JsonElement json, string property) => [.. json.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];

    [Fact]
    public async Task Two_positives_on_a_diagonal_leave_four_possible_positives_retested_strongest_first()
    {
        var results = File("results.csv", "pool,ct\nR1,30\nR2,31\nR3,Undetermined\nC1,29\nC2,32\nC3,\n");

        var (exit, output) = await RunAsync("pool", "decode", "--design", Array3x3(), "--results", results, "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Empty(Strings(root, "definitePositives"));
        Assert.Equal(["S1", "S2", "S4", "S5"], Strings(root, "possiblePositives"));
        Assert.Equal(["S3", "S6", "S7", "S8", "S9"], Strings(root, "negatives"));
        Assert.Empty(Strings(root, "unexplainedPositivePools"));
        // Estimated individual Ct: S1 29.5, S4 30, S2 31, S5 31.5 (less log2 3 each).
        Assert.Equal(["S1", "S4", "S2", "S5"], Strings(root, "retests"));
        Assert.Empty(Strings(root, "untestedPools"));
    }

    [Fact]
    public async Task One_positive_is_definite_and_a_contradicting_row_is_an_unexplained_pool()
    {
        var one = File("one.csv", "pool,ct\nR1,\nR2,31.5\nR3,\nC1,\nC2,32\nC3,\n");
        var contradiction = File("contradiction.csv", "Pool,Ct\r\nR1,35\r\nR2,\r\nR3,\r\nC1,\r\nC2,\r\nC3,\r\n");

        var (_, first) = await RunAsync("pool", "decode", "--design", Array3x3(), "--results", one, "--json");
        var (_, second) = await RunAsync("pool", "decode", "--design", Array3x3(), "--results", contradiction, "--json");

        using var definite = JsonDocument.Parse(first);
        Assert.Equal(["S5"], Strings(definite.RootElement, "definitePositives"));
        Assert.Empty(Strings(definite.RootElement, "retests"));
        Assert.Equal(8, Strings(definite.RootElement, "negatives").Length);
        using var unexplained = JsonDocument.Parse(second);
        Assert.Equal(["R1"], Strings(unexplained.RootElement, "unexplainedPositivePools"));
        Assert.Equal(9, Strings(unexplained.RootElement, "negatives").Length);
    }

    [Fact]
    public async Task A_pool_without_a_result_is_untested_and_its_samples_are_retested()
    {
        var results = File("results.csv", "pool,ct\nR1,\nR2,\nC1,\nC2,\nC3,\n");

        var (exit, output) = await RunAsync("pool", "decode", "--design", Array3x3(), "--results", results, "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(["R3"], Strings(json.RootElement, "untestedPools"));
        Assert.Empty(Strings(json.RootElement, "possiblePositives"));
        var rows = File("rows-only.csv", "pool,ct\nR1,\nR2,\n");
        var (_, partial) = await RunAsync("pool", "decode", "--design", Array3x3(), "--results", rows, "--json");
        using var second = JsonDocument.Parse(partial);
        Assert.Equal(["S7", "S8", "S9"], Strings(second.RootElement, "retests"));
        Assert.Equal(["C1", "C2", "C3", "R3"], Strings(second.RootElement, "untestedPools"));
    }

    [Fact]
    public async Task The_cut_off_decides_and_weak_positives_are_flagged()
    {
        var design = File("dorfman.csv", "pool,sample\n" + string.Join('\n', Enumerable.Range(1, 16).Select(i => $"P1,T{i:D2}")) + "\n");
        var results = File("results.csv", "pool,ct\n\"P1\",\"37.2\"\n");

        var (_, atForty) = await RunAsync("pool", "decode", "--design", design, "--results", results, "--json");
        var (_, atThirtySeven) = await RunAsync("pool", "decode", "--design", design, "--results", results, "--ct-cutoff", "37", "--json");

        using var positive = JsonDocument.Parse(atForty);
        Assert.Equal(16, Strings(positive.RootElement, "possiblePositives").Length);
        var flags = positive.RootElement.GetProperty("flags").EnumerateArray().ToList();
        Assert.Contains(flags, f => f.GetProperty("kind").GetString() == "pool" && f.GetProperty("id").GetString() == "P1" && f.GetProperty("flag").GetString() == "weak-positive");
        Assert.Equal(16, flags.Count(f => f.GetProperty("kind").GetString() == "sample"));
        using var negative = JsonDocument.Parse(atThirtySeven);
        Assert.Equal(16, Strings(negative.RootElement, "negatives").Length);
        Assert.Equal("late-negative", negative.RootElement.GetProperty("flags")[0].GetProperty("flag").GetString());
    }

    [Fact]
    public async Task Without_json_it_prints_a_summary()
    {
        var results = File("results.csv", "pool,ct\nR1,30\nR2,31\nR3,\nC1,29\nC2,32\nC3,\n");

        var (exit, output) = await RunAsync("pool", "decode", "--design", Array3x3(), "--results", results);

        Assert.Equal(0, exit);
        Assert.Contains("Definite positives (0): -", output, StringComparison.Ordinal);
        Assert.Contains("Possible positives (4): S1 S2 S4 S5", output, StringComparison.Ordinal);
        Assert.Contains("Negatives: 5", output, StringComparison.Ordinal);
        Assert.Contains("Retests, most likely first (4): S1 S4 S2 S5", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_files_are_domain_errors_that_say_what_is_wrong()
    {
        var design = Array3x3();
        var cases = new (string Design, string Results, string Code, string Says, string? Field)[]
        {
            (design, File("r1.csv", "pool,ct\nR1,30\nR9,31\n"), "unknown-pool", "'R9'", "results"),
            (design, File("r2.csv", "pool,ct\nR1,30\nR1,31\n"), "duplicate-result", "'R1'", "results"),
            (design, File("r3.csv", "pool,ct\nR1,thirty\n"), "invalid-csv", "line 2", null),
            (design, File("r4.csv", "pool;ct\nR1;30\n"), "invalid-csv", "header", null),
            (design, File("r5.csv", "pool,ct\nR1,30,1\n"), "invalid-csv", "3", null),
            (design, Path.Combine(_directory, "missing.csv"), "unreadable-file", "missing.csv", null),
            (File("d1.csv", "pool,sample\nP1,A\nP1,B\n,C\n"), File("r6.csv", "pool,ct\nP1,30\n"), "sample-in-no-pool", "'C'", "design"),
            (File("d2.csv", "pool,sample\nP1,A\nP1,A\n"), File("r7.csv", "pool,ct\nP1,30\n"), "duplicate-membership", "'A'", "design"),
            (File("d3.csv", "pool,sample\n" + string.Join('\n', Enumerable.Range(1, 21).Select(i => $"P1,S{i}"))), File("r8.csv", "pool,ct\nP1,30\n"), "dilution-cap-exceeded", "21 swabs", "design"),
            (File("d4.csv", ""), File("r9.csv", "pool,ct\n"), "invalid-csv", "empty", null),
        };

        foreach (var (designFile, resultsFile, code, says, field) in cases)
        {
            // The files' own errors are DomainExceptions; the decoder's are PoolingInputExceptions, naming the field as the API does.
            var e = await Assert.ThrowsAnyAsync<DomainException>(() => RunAsync("pool", "decode", "--design", designFile, "--results", resultsFile, "--json"));
            Assert.Equal(code, e.Code);
            Assert.Contains(says, e.Message, StringComparison.Ordinal);
            if (field is null) Assert.IsType<DomainException>(e);
            else Assert.Equal(field, Assert.IsType<PoolingInputException>(e).Field);
        }
    }

    [Fact]
    public async Task The_lims_command_refuses_bad_input_with_exit_2_and_one_line()
    {
        var design = Array3x3();
        foreach (var results in new[] { File("unknown.csv", "pool,ct\nX,30\n"), Path.Combine(_directory, "nowhere", "results.csv") })
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();

            var exit = await LimsCli.RunAsync(["pool", "decode", "--design", design, "--results", results, "--json"], stdout, stderr);

            Assert.Equal(2, exit);
            var line = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("lims: ", line, StringComparison.Ordinal);
            Assert.Equal("", stdout.ToString());
        }
    }

    [Fact]
    public async Task A_design_of_48_sample_pools_decodes_with_its_dilution_cap_and_a_cap_out_of_bounds_exits_2_naming_it()
    {
        var design = File("pbest.csv", "pool,sample\n" + string.Join('\n', Enumerable.Range(1, 96).Select(s => $"P{(s - 1) / 48 + 1},S{s}")) + "\n");
        var results = File("pbest-results.csv", "pool,ct\nP1,\nP2,\n");
        async Task<(int Exit, string Out, string Err)> Lims(params string[] args)
        {
            var (stdout, stderr) = (new StringWriter(), new StringWriter());
            var exit = await LimsCli.RunAsync(["pool", "decode", "--design", design, "--results", results, .. args], stdout, stderr);
            return (exit, stdout.ToString(), stderr.ToString());
        }

        var capped = await Lims();
        var decoded = await Lims("--dilution-cap", "48", "--json");
        var tooLarge = await Lims("--dilution-cap", "1001");
        var tooSmall = await Lims("--dilution-cap", "1");

        Assert.Equal((2, "lims: design: Pool 'P1' holds 48 swabs; the dilution cap is 20 swabs per reaction."), (capped.Exit, capped.Err.Trim()));
        Assert.Equal(0, decoded.Exit);
        using var json = JsonDocument.Parse(decoded.Out);
        Assert.Equal(96, Strings(json.RootElement, "negatives").Length);
        Assert.Equal((2, "lims: dilutionCap: The dilution cap (most swabs behind one reaction) is between 2 and 1000; got 1001."), (tooLarge.Exit, tooLarge.Err.Trim()));
        Assert.Equal(2, tooSmall.Exit);
        Assert.Equal("", tooSmall.Out);
    }

    [Fact]
    public async Task The_lims_command_decodes_with_exit_0()
    {
        var stdout = new StringWriter();
        var results = File("results.csv", "pool,ct\nR1,\nR2,31.5\nR3,\nC1,\nC2,32\nC3,\n");

        var exit = await LimsCli.RunAsync(["pool", "decode", "--design", Array3x3(), "--results", results, "--json"], stdout, new StringWriter());

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(stdout.ToString());
        Assert.Equal(["S5"], Strings(json.RootElement, "definitePositives"));
    }
}
