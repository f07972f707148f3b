using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Lims.Application.Abstractions;
using Lims.Application.Features.Pooling;

namespace Lims.Cli.Commands;

/// <summary>
/// <c>lims pool evaluate</c>, <c>lims pool optimize</c> and <c>lims pool prevalence</c>: pooling analysis without a
/// database. Input that is missing is a <see cref="RequestValidationException"/>, input out of range a
/// <see cref="Domain.Pools.Characteristics.PoolingInputException"/> (exit code 2 from <c>lims</c>, the field named).
/// </summary>
public static class PoolAnalysisCommands
{
    private static readonly string[] Strategies = ["dorfman", "three-stage", "array", "array-master"];

    /// <summary>The analysis subcommands of <c>lims pool</c>; <paramref name="sender"/> needs no database.</summary>
    public static IEnumerable<Command> Create(TextWriter stdout, CliSender sender)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(sender);
        return [EvaluateCommand(stdout, sender), OptimizeCommand(stdout, sender), PrevalenceCommand(stdout, sender)];
    }

    /// <summary>The <c>lims pool</c> command holding the given subcommands (these, and any others about pools).</summary>
    public static Command PoolCommand(IEnumerable<Command> subcommands)
    {
        ArgumentNullException.ThrowIfNull(subcommands);
        var pool = new Command("pool", "Pooled testing: operating characteristics of designs, planning, prevalence.");
        foreach (var subcommand in subcommands) pool.Subcommands.Add(subcommand);
        return pool;
    }

    private static Command EvaluateCommand(TextWriter stdout, CliSender sender)
    {
        var strategy = new Option<string>("--strategy") { Description = "dorfman, three-stage, array or array-master.", Required = true };
        strategy.AcceptOnlyFromAmong(Strategies);
        var size = new Option<int?>("--size") { Description = "The pool size (Dorfman, three-stage: the first stage) or the row length n of an n × n array. Any size: no dilution cap applies." };
        var stages = new Option<string?>("--stages") { Description = "Three-stage stage sizes, e.g. 25,5,1 (each stage's pools divide the one before)." };
        var prevalence = new Option<double>("--prevalence") { Description = "The probability a person is positive, in (0, 1).", Required = true };
        var se = new Option<string>("--se") { Description = "Sensitivity in (0, 1]: one value, or one per stage (e.g. 0.95,0.95,0.99; arrays: [master,] rows/columns, individuals).", Required = true };
        var sp = new Option<string>("--sp") { Description = "Specificity in (0, 1]: one value, or one per stage.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print { \"strategy\", \"size\", \"expectedTests\", \"expectedTestsPerIndividual\", \"pse\", \"psp\", \"ppv\", \"npv\" }." };
        var command = new Command("evaluate", "Expected tests, pooling sensitivity, specificity and predictive values of one design (Kim et al. 2007).")
        {
            strategy, size, stages, prevalence, se, sp, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var result = await sender.SendAsync(new EvaluatePoolingScheme(
                parse.GetValue(strategy), parse.GetValue(size), Integers(parse.GetValue(stages), "stages"), parse.GetValue(prevalence),
                Numbers(parse.GetValue(se), "se"), Numbers(parse.GetValue(sp), "sp")), ct);
            var output = parse.GetValue(json) ? JsonSerializer.Serialize(result, JsonSerializerOptions.Web) : Describe(result);
            await stdout.WriteLineAsync(output.AsMemory(), ct);
            return 0;
        });
        return command;
    }

    private static Command OptimizeCommand(TextWriter stdout, CliSender sender)
    {
        var prevalence = new Option<double>("--prevalence") { Description = "The probability a person is positive, in (0, 1).", Required = true };
        var se = new Option<double>("--se") { Description = "The assay's sensitivity, in (0, 1].", Required = true };
        var sp = new Option<double>("--sp") { Description = "The assay's specificity, in (0, 1].", Required = true };
        var maxSize = new Option<int?>("--max-size") { Description = "The dilution cap: the most swabs behind one PCR reaction (default 20)." };
        var strategies = new Option<string?>("--strategies") { Description = "Strategies to consider, e.g. dorfman,array (default: dorfman,three-stage,array,array-master). Testing everyone alone is always a candidate." };
        var minPse = new Option<double?>("--min-pse") { Description = "Leave out designs whose pooling sensitivity is below this." };
        var json = new Option<bool>("--json") { Description = "Print { \"best\": { ...as evaluate... }, \"candidates\": [ ... ] }, best first." };
        var command = new Command("optimize", "The design with the fewest expected tests per person within the dilution cap, and the runners-up.")
        {
            prevalence, se, sp, maxSize, strategies, minPse, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var named = parse.GetValue(strategies)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var plan = await sender.SendAsync(new OptimizePooling(
                parse.GetValue(prevalence), parse.GetValue(se), parse.GetValue(sp), parse.GetValue(maxSize), named, parse.GetValue(minPse)), ct);
            if (parse.GetValue(json))
            {
                await stdout.WriteLineAsync(JsonSerializer.Serialize(plan, JsonSerializerOptions.Web).AsMemory(), ct);
                return 0;
            }
            var table = new StringBuilder();
            table.Append(CultureInfo.InvariantCulture, $"Best: {Describe(plan.Best)}\n\n");
            table.Append("design\ttests/person\tPSe\tPSp\tPPV\tNPV\n");
            foreach (var c in plan.Candidates)
                table.Append(CultureInfo.InvariantCulture, $"{Label(c)}\t{c.ExpectedTestsPerIndividual:F4}\t{c.Pse:F4}\t{c.Psp:F4}\t{c.Ppv:F4}\t{c.Npv:F4}\n");
            await stdout.WriteAsync(table.ToString().AsMemory(), ct);
            return 0;
        });
        return command;
    }

    private static Command PrevalenceCommand(TextWriter stdout, CliSender sender)
    {
        var pools = new Option<int>("--pools") { Description = "How many pools were tested.", Required = true };
        var positive = new Option<int>("--positive") { Description = "How many of them were positive.", Required = true };
        var size = new Option<int>("--size") { Description = "Swabs per pool (all pools the same size; 1 for single tubes).", Required = true };
        var json = new Option<bool>("--json") { Description = "Print { \"estimate\", \"lower\", \"upper\" }." };
        var command = new Command("prevalence", "Estimate the prevalence from pool results (maximum likelihood, 95 % Clopper–Pearson interval).")
        {
            pools, positive, size, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var (n, x, k) = (parse.GetValue(pools), parse.GetValue(positive), parse.GetValue(size));
            var result = await sender.SendAsync(new EstimatePrevalence(n, x, k), ct);
            var output = parse.GetValue(json)
                ? JsonSerializer.Serialize(result, JsonSerializerOptions.Web)
                : string.Create(CultureInfo.InvariantCulture,
                    $"Prevalence {result.Estimate:P3} (95 % CI {result.Lower:P3} to {result.Upper:P3}) from {x} positive of {n} pools of {k}.");
            await stdout.WriteLineAsync(output.AsMemory(), ct);
            return 0;
        });
        return command;
    }

    private static string Label(PoolEvaluationView v) => v switch
    {
        { Stages: { } stages } => $"{v.Strategy} {string.Join(",", stages)}",
        { Strategy: "array" or "array-master" } => $"{v.Strategy} {v.Size}x{v.Size}",
        { Strategy: "individual" } => "individual",
        _ => $"{v.Strategy} {v.Size}",
    };

    private static string Describe(PoolEvaluationView v) => string.Create(CultureInfo.InvariantCulture,
        $"{Label(v)}: {v.ExpectedTests:F4} expected tests, {v.ExpectedTestsPerIndividual:F4} per person; PSe {v.Pse:F4}, PSp {v.Psp:F4}, PPV {v.Ppv:F4}, NPV {v.Npv:F4}");

    private static double[]? Numbers(string? text, string field) => text is null ? null : Parse<double>(text, field, s =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : (double?)null);

    private static int[]? Integers(string? text, string field) => text is null ? null : Parse<int>(text, field, s =>
        int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : (int?)null);

    private static T[] Parse<T>(string text, string field, Func<string, T?> parse) where T : struct
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new T[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            values[i] = parse(parts[i]) ?? throw new RequestValidationException(new Dictionary<string, string[]>
            {
                [field] = [$"'{parts[i]}' in '{text}' is not a number."],
            });
        }
        return values;
    }
}
