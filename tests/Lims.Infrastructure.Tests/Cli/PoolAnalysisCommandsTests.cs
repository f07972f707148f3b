using System.CommandLine;
using System.Text.Json;
using Lims.Cli;
using Lims.Cli.Commands;
using Microsoft.Extensions.Configuration;

namespace Lims.Infrastructure.Tests.Cli;

/// <summary><c>lims pool evaluate|optimize|prevalence</c>, through System.CommandLine as the CLI runs them, without a database.</summary>
public sealed class PoolAnalysisCommandsTests
{
    private static async Task<(int Exit, string Out)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var root = new RootCommand("lims") { PoolAnalysisCommands.PoolCommand(PoolAnalysisCommands.Create(stdout, new CliSender(new ConfigurationBuilder().Build(), database: false))) };
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = new StringWriter(), EnableDefaultExceptionHandler = false });
        return (exit, stdout.ToString());
    }

    private static async Task<JsonElement> JsonAsync(params string[] args)
    {
        var (exit, output) = await RunAsync(args);
        Assert.Equal(0, exit);
        // --json prints the document and nothing else.
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }

    [Fact]
    public async Task Evaluate_prints_the_operating_characteristics_as_json()
    {
        // binGroup2 vignette: opChar1("D2", p = 0.01, Se = Sp = 0.99, group of 10) → 2.0371 tests, PSe 0.9801, PSp 0.9991, PPV 0.9127, NPV 0.9998.
        var json = await JsonAsync("pool", "evaluate", "--strategy", "dorfman", "--size", "10", "--prevalence", "0.01", "--se", "0.99", "--sp", "0.99", "--json");

        Assert.Equal(
            ["strategy", "size", "expectedTests", "expectedTestsPerIndividual", "pse", "psp", "ppv", "npv"],
            json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("dorfman", json.GetProperty("strategy").GetString());
        Assert.Equal(10, json.GetProperty("size").GetInt32());
        Assert.Equal(2.0371, json.GetProperty("expectedTests").GetDouble(), 0.00005);
        Assert.Equal(0.2037, json.GetProperty("expectedTestsPerIndividual").GetDouble(), 0.00005);
        Assert.Equal(0.9801, json.GetProperty("pse").GetDouble(), 1e-12);
        Assert.Equal(0.9991, json.GetProperty("psp").GetDouble(), 0.00005);
        Assert.Equal(0.9127, json.GetProperty("ppv").GetDouble(), 0.00005);
        Assert.Equal(0.9998, json.GetProperty("npv").GetDouble(), 0.00005);
    }

    [Fact]
    public async Task Evaluate_takes_stage_sizes_and_stage_specific_accuracy()
    {
        var json = await JsonAsync("pool", "evaluate", "--strategy", "three-stage", "--stages", "25,5,1", "--prevalence", "0.02",
            "--se", "0.95,0.95,0.99", "--sp", "0.96,0.96,0.98", "--json");

        Assert.Equal("three-stage", json.GetProperty("strategy").GetString());
        Assert.Equal(25, json.GetProperty("size").GetInt32());
        Assert.Equal([25, 5, 1], json.GetProperty("stages").EnumerateArray().Select(s => s.GetInt32()));
        Assert.Equal(5.481594354567, json.GetProperty("expectedTests").GetDouble(), 1e-11);
        Assert.Equal(0.893475, json.GetProperty("pse").GetDouble(), 1e-12);
    }

    [Fact]
    public async Task Evaluate_answers_an_array_far_beyond_the_dilution_cap()
    {
        var json = await JsonAsync("pool", "evaluate", "--strategy", "array-master", "--size", "30", "--prevalence", "0.001", "--se", "0.99", "--sp", "0.99", "--json");

        Assert.Equal(30, json.GetProperty("size").GetInt32());
        Assert.Equal(json.GetProperty("expectedTests").GetDouble() / 900, json.GetProperty("expectedTestsPerIndividual").GetDouble(), 1e-15);
    }

    [Fact]
    public async Task Evaluate_without_json_prints_one_readable_line()
    {
        var (exit, output) = await RunAsync("pool", "evaluate", "--strategy", "array", "--size", "8", "--prevalence", "0.005", "--se", "0.95,0.99", "--sp", "0.95,0.99");

        Assert.Equal(0, exit);
        Assert.Equal("array 8x8: 19.9643 expected tests, 0.3119 per person; PSe 0.9438, PSp 0.9994, PPV 0.8919, NPV 0.9997", output.Trim());
    }

    [Fact]
    public async Task Optimize_prints_the_best_design_and_the_runners_up()
    {
        // binGroup2 vignette: OTC1("D2", p = 0.01, Se = Sp = 0.99, group.sz = 3:20) → 11, then 10, 12, 9, 13.
        var json = await JsonAsync("pool", "optimize", "--prevalence", "0.01", "--se", "0.99", "--sp", "0.99", "--strategies", "dorfman", "--json");

        var best = json.GetProperty("best");
        Assert.Equal("dorfman", best.GetProperty("strategy").GetString());
        Assert.Equal(11, best.GetProperty("size").GetInt32());
        var candidates = json.GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal([11, 10, 12, 9, 13], candidates.Take(5).Select(c => c.GetProperty("size").GetInt32()));
        Assert.Equal(best.GetRawText(), candidates[0].GetRawText());
        Assert.Contains(candidates, c => c.GetProperty("strategy").GetString() == "individual");
    }

    [Fact]
    public async Task Optimize_keeps_to_the_cap_and_the_minimum_sensitivity()
    {
        var json = await JsonAsync("pool", "optimize", "--prevalence", "0.01", "--se", "0.95", "--sp", "0.99", "--max-size", "10", "--min-pse", "0.93", "--json");

        var candidates = json.GetProperty("candidates").EnumerateArray().ToList();
        Assert.All(candidates, c => Assert.True(c.GetProperty("pse").GetDouble() >= 0.93));
        Assert.All(candidates, c => Assert.InRange(c.GetProperty("size").GetInt32(), 1, 10));
        Assert.DoesNotContain(candidates, c => c.GetProperty("strategy").GetString() == "dorfman");
    }

    [Fact]
    public async Task Prevalence_prints_the_estimate_and_its_interval()
    {
        var json = await JsonAsync("pool", "prevalence", "--pools", "100", "--positive", "7", "--size", "10", "--json");

        Assert.Equal(["estimate", "lower", "upper"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.007230800340, json.GetProperty("estimate").GetDouble(), 1e-11);
        Assert.Equal(0.002898031946, json.GetProperty("lower").GetDouble(), 1e-11);
        Assert.Equal(0.014845458143, json.GetProperty("upper").GetDouble(), 1e-11);
    }

    public static TheoryData<string[], string> BadInput => new()
    {
        { ["pool", "evaluate", "--strategy", "dorfman", "--size", "10", "--prevalence", "1.5", "--se", "0.99", "--sp", "0.99", "--json"], "prevalence" },
        { ["pool", "evaluate", "--strategy", "dorfman", "--size", "10", "--prevalence", "0", "--se", "0.99", "--sp", "0.99"], "prevalence" },
        { ["pool", "evaluate", "--strategy", "dorfman", "--size", "1", "--prevalence", "0.01", "--se", "0.99", "--sp", "0.99", "--json"], "size" },
        { ["pool", "evaluate", "--strategy", "array", "--size", "1", "--prevalence", "0.01", "--se", "0.99", "--sp", "0.99"], "size" },
        { ["pool", "evaluate", "--strategy", "three-stage", "--stages", "24,5,1", "--prevalence", "0.01", "--se", "0.99", "--sp", "0.99"], "stages" },
        { ["pool", "evaluate", "--strategy", "dorfman", "--size", "10", "--prevalence", "0.01", "--se", "1.2", "--sp", "0.99"], "se" },
        { ["pool", "evaluate", "--strategy", "dorfman", "--size", "10", "--prevalence", "0.01", "--se", "0.99,oops", "--sp", "0.99"], "se" },
        { ["pool", "optimize", "--prevalence", "-0.1", "--se", "0.99", "--sp", "0.99", "--json"], "prevalence" },
        { ["pool", "optimize", "--prevalence", "0.01", "--se", "0.99", "--sp", "0.99", "--max-size", "1"], "maxSize" },
        { ["pool", "optimize", "--prevalence", "0.01", "--se", "0.99", "--sp", "0.99", "--strategies", "dorfman,matrix"], "strategies" },
        { ["pool", "prevalence", "--pools", "10", "--positive", "11", "--size", "10", "--json"], "positive" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task The_lims_command_refuses_bad_input_with_exit_2_and_one_line(string[] args, string field)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await LimsCli.RunAsync(args, stdout, stderr);

        Assert.Equal(2, exit);
        var line = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"lims: {field}: ", line, StringComparison.Ordinal);
        Assert.Equal("", stdout.ToString());
    }

    [Fact]
    public async Task An_unknown_strategy_is_a_usage_error()
    {
        var (exit, _) = await RunAsync("pool", "evaluate", "--strategy", "matrix", "--size", "3", "--prevalence", "0.1", "--se", "1", "--sp", "1");

        Assert.Equal(1, exit);
    }
}
