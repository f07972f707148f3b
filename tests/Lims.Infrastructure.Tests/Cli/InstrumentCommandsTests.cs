using System.CommandLine;
using System.Text.Json;
using Lims.Cli;
using Lims.Cli.Commands;
using Lims.Domain.Common;
using Lims.Infrastructure.Instruments;

namespace Lims.Infrastructure.Tests.Cli;

/// <summary><c>lims instrument parse|interpret</c>, through System.CommandLine as the CLI runs them, without a database.</summary>
public sealed class InstrumentCommandsTests
{
    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "Instruments", "Samples", name);

    private static async Task<(int Exit, string Out)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var root = new RootCommand("lims") { InstrumentCommands.Create(stdout) };
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = new StringWriter(), EnableDefaultExceptionHandler = false });
        return (exit, stdout.ToString());
    }

    [Fact]
    public async Task Parse_json_prints_format_instrument_and_wells()
    {
        var (exit, output) = await RunAsync("instrument", "parse", Sample("QS6Flex_TaqMan_IPC_example02.txt"), "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("quantstudio-text", json.RootElement.GetProperty("format").GetString());
        Assert.Equal("QuantStudio(TM) 6 Flex System", json.RootElement.GetProperty("instrument").GetProperty("model").GetString());
        var a2 = json.RootElement.GetProperty("wells")[1];
        Assert.Equal("A2", a2.GetProperty("well").GetString());
        Assert.Equal(32.874, a2.GetProperty("targets")[0].GetProperty("ct").GetDouble());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("wells")[0].GetProperty("targets")[0].GetProperty("ct").ValueKind);
    }

    [Fact]
    public async Task Parse_without_json_prints_a_table()
    {
        var (exit, output) = await RunAsync("instrument", "parse", Sample("Roche_LC480_Cp_export.txt.gz"));

        Assert.Equal(0, exit);
        Assert.Contains("Format: lightcycler480-text", output);
        Assert.Matches(@"(?m)^A1\s+Sample 1\s+SYBR Green I / HRM Dye \(483-5…\s+22\.78$", output);
        Assert.Matches(@"(?m)^A5\s+Sample 5\s+SYBR Green I / HRM Dye \(483-5…\s+-$", output);
    }

    [Fact]
    public async Task Interpret_json_adds_calls_and_qc_for_a_built_in_kit()
    {
        var (exit, output) = await RunAsync("instrument", "interpret", Sample("COVID_CDC_mock_failing_plate.eds"), "--kit", "cdc-2019-ncov", "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var qc = json.RootElement.GetProperty("qc");
        Assert.Equal("fail", qc.GetProperty("status").GetString());
        Assert.Contains("PTC 1", qc.GetProperty("reasons")[0].GetString());
        var a9 = json.RootElement.GetProperty("wells").EnumerateArray().Single(w => w.GetProperty("well").GetString() == "A9");
        Assert.Equal("control-fail", a9.GetProperty("call").GetString());
    }

    [Fact]
    public async Task Interpret_reads_a_kit_from_a_json_file()
    {
        var kit = Path.Combine(Path.GetTempPath(), $"lims-kit-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(kit, """
            { "code": "lab-n1n2", "name": "Lab N1/N2", "version": "1", "layout": "singleplex", "ctCutoff": 40,
              "targets": [ { "name": "N1", "role": "pathogen" }, { "name": "N2", "role": "pathogen" }, { "name": "RP", "role": "internal-control" } ] }
            """);
        try
        {
            var (exit, output) = await RunAsync("instrument", "interpret", Sample("COVID_CDC_mock_passing_plate.eds"), "--kit", kit);

            Assert.Equal(0, exit);
            Assert.Contains("Kit: lab-n1n2", output);
            Assert.Contains("Plate QC: pass", output);
        }
        finally
        {
            File.Delete(kit);
        }
    }

    [Fact]
    public async Task An_unreadable_file_throws_an_instrument_file_exception()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lims-{Guid.NewGuid():N}.eds");
        await File.WriteAllBytesAsync(path, [0x50, 0x4B, 0x03, 0x04, 1, 2, 3]);
        try
        {
            await Assert.ThrowsAsync<InstrumentFileException>(() => RunAsync("instrument", "parse", path, "--json"));
            await Assert.ThrowsAsync<InstrumentFileException>(() => RunAsync("instrument", "interpret", path + ".missing", "--kit", "cn-orf1ab-n"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task An_unknown_kit_is_a_domain_error()
    {
        var e = await Assert.ThrowsAsync<DomainException>(() => RunAsync("instrument", "interpret", Sample("COVID_CDC_mock_passing_plate.eds"), "--kit", "no-such-kit"));
        Assert.Equal("unknown-assay-kit", e.Code);
    }

    [Fact]
    public async Task Interpret_requires_a_kit()
    {
        var (exit, _) = await RunAsync("instrument", "interpret", Sample("COVID_CDC_mock_passing_plate.eds"));
        Assert.NotEqual(0, exit);
    }

    [Fact]
    public async Task The_lims_command_refuses_an_unreadable_file_with_exit_2_and_one_line()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "this is no instrument file\n");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        try
        {
            var exit = await LimsCli.RunAsync(["instrument", "parse", file, "--json"], stdout, stderr);

            Assert.Equal(2, exit);
            var line = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("lims: ", line, StringComparison.Ordinal);
            Assert.Equal("", stdout.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_lims_command_refuses_an_unencodable_label_with_exit_2()
    {
        var stderr = new StringWriter();

        var exit = await LimsCli.RunAsync(["labels", "code128", "\u00e9t\u00e9", "--json"], new StringWriter(), stderr);

        Assert.Equal(2, exit);
        Assert.StartsWith("lims: ", stderr.ToString(), StringComparison.Ordinal);
    }
}
