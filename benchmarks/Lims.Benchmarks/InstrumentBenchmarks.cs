using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Lims.Domain.Assays;
using Lims.Infrastructure.Instruments;

namespace Lims.Benchmarks;

/// <summary>
/// Reading an instrument result file and interpreting it with a kit, as a run import does (goal ≤ 50 ms per plate).
/// The real sample files of the tests, and two generated QuantStudio exports of full plates for the typical China kit
/// (ORF1ab, N and IC in every well, 45-cycle curves): 96 and 384 wells.
/// </summary>
[Config(typeof(ShortInProcessConfig))]
public class InstrumentBenchmarks
{
    private byte[] _content = [];
    private AssayKit _kit = null!;

    [Params(
        "generated 96-well QuantStudio, 3 targets, curves",
        "generated 384-well QuantStudio, 3 targets, curves",
        "COVID_CDC_mock_passing_plate.eds",
        "COVID_ABI_SDS_analysis_result_ejemplo.txt",
        "RDML_v1.1_Roche_LightCycler96.rdml",
        "QS_ViiA7_384_SYBR_example01.txt")]
    public string File { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _content = File switch
        {
            "generated 96-well QuantStudio, 3 targets, curves" => QuantStudioPlate(8, 12),
            "generated 384-well QuantStudio, 3 targets, curves" => QuantStudioPlate(16, 24),
            _ => System.IO.File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", File)),
        };
        _kit = File.StartsWith("COVID_CDC", StringComparison.Ordinal) ? BuiltInKits.Cdc2019nCoV : BuiltInKits.ChinaOrf1abN;
        var check = PlateInterpreter.Interpret(_kit, InstrumentFileReader.Parse(_content).ToReadings());
        if (check.Wells.Count == 0) throw new InvalidOperationException($"{File} has no wells.");
    }

    [Benchmark(Baseline = true, Description = "parse")]
    public int Parse() => InstrumentFileReader.Parse(_content).Wells.Count;

    [Benchmark(Description = "parse + interpret (kit rules, curve check, plate QC)")]
    public int ParseAndInterpret() => PlateInterpreter.Interpret(_kit, InstrumentFileReader.Parse(_content).ToReadings()).Wells.Count;

    /// <summary>A QuantStudio text export: every well a sample but the last two (NTC, positive control), Ct values and sigmoid curves.</summary>
    public static byte[] QuantStudioPlate(int rows, int columns)
    {
        var random = new Random(rows * columns);
        string[] targets = ["ORF1ab", "N", "IC"];
        string[] dyes = ["FAM", "VIC", "CY5"];
        var wells = rows * columns;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"* Block Type = {(wells == 384 ? "384-Well Block" : "96-Well Block (0.2mL)")}\n");
        text.Append("* Instrument Type = QuantStudio(TM) 7 Flex System\n* Instrument Name = Bench\n\n[Results]\n");
        text.Append("Well\tWell Position\tOmit\tSample Name\tTarget Name\tTask\tReporter\tQuencher\tCT\n");
        var cts = new double?[wells, 3];
        for (var w = 0; w < wells; w++)
        {
            var name = w == wells - 2 ? "NTC" : w == wells - 1 ? "PC" : $"T{w + 1:D9}";
            var positive = w == wells - 1 || (w < wells - 2 && random.NextDouble() < 0.05);
            for (var t = 0; t < 3; t++)
            {
                double? ct = name == "NTC" ? null : t == 2 ? (name == "PC" ? null : 26 + random.NextDouble() * 3) : positive ? 20 + random.NextDouble() * 12 : null;
                cts[w, t] = ct;
                text.Append(CultureInfo.InvariantCulture,
                    $"{w + 1}\t{Position(w, columns)}\tfalse\t{name}\t{targets[t]}\t{(name == "NTC" ? "NTC" : "UNKNOWN")}\t{dyes[t]}\tNFQ-MGB\t{(ct is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "Undetermined")}\n");
            }
        }
        text.Append("\n[Amplification Data]\nWell\tCycle\tTarget Name\tRn\tDelta Rn\n");
        for (var w = 0; w < wells; w++)
            for (var t = 0; t < 3; t++)
                for (var cycle = 1; cycle <= 45; cycle++)
                {
                    var delta = cts[w, t] is { } ct ? 2.0 / (1 + Math.Exp(-(cycle - ct - 2) / 1.5)) : 0.002 * random.NextDouble();
                    text.Append(CultureInfo.InvariantCulture, $"{w + 1}\t{cycle}\t{targets[t]}\t{1 + delta:0.000}\t{delta:0.000}\n");
                }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Position(int index, int columns) =>
        string.Create(CultureInfo.InvariantCulture, $"{(char)('A' + index / columns)}{index % columns + 1}");
}
