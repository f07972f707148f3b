using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Lims.Domain.Pools.Decoding;
using Lims.Domain.Pools.Designs;

namespace Lims.Benchmarks;

/// <summary>
/// Decoding in memory (goal ≥ 50 M pool results per second on one core): COMP + DD + SCOMP, Ct estimates and flags,
/// retests and next pools, into reused buffers, for 10 k, 1 M and 10 M samples at 1 % prevalence (seeded), with
/// noise-free Cts. Dorfman pools of 10 run as the protocol does: every pool in stage 1, then the individual tests of
/// the positive pools (~9.6 % of them), and both stages are decoded; 8 × 12 arrays: every row and column. The
/// baseline reads every membership of the tested pools once (the least any decoder must do).
/// </summary>
[Config(typeof(ShortInProcessConfig))]
[PoolDecodeBenchmarks.RateColumns]
public class PoolDecodeBenchmarks
{
    private static readonly ConcurrentDictionary<string, (int Results, int Samples)> Sizes = new();

    private PoolResults _results = null!;
    private PoolDecoding _decoding = null!;

    [Params(10_000, 1_000_000, 10_000_000)]
    public int Samples { get; set; }

    [Params("dorfman-10", "array-8x12")]
    public string Design { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var samples = SampleSet.Numbered(Samples);
        var design = Design == "dorfman-10" ? PoolDesign.Dorfman(samples, 10) : PoolDesign.Arrays(samples, 8, 12);
        var random = new Random(20_261_123);
        var truth = new bool[Samples];
        for (var s = 0; s < truth.Length; s++) truth[s] = random.NextDouble() < 0.01;
        _results = new PoolResults(design);
        for (var p = 0; p < design.PoolCount; p++)
        {
            if (design.StageOf(p) != 1) continue;
            Record(design, p, truth, random);
            if (_results.OutcomeOf(p) != PoolOutcome.Positive || design.Kind != DesignKind.Dorfman) continue;
            // The individual tests of a positive Dorfman pool.
            foreach (var s in design.SamplesOf(p))
                foreach (var q in design.PoolsOf(s))
                    if (design.StageOf(q) == 2) Record(design, q, truth, random);
        }
        _decoding = new PoolDecoding(design);
        PoolDecoder.Decode(_results, _decoding);
        var found = _decoding.Positives(DecodingRule.DD).Length;
        var positives = truth.Count(t => t);
        if (Design == "dorfman-10" && found != positives)
            throw new InvalidOperationException($"Dorfman found {found} of {positives} positives.");
        if (_decoding.Candidates.Length < positives) throw new InvalidOperationException("A positive was called negative.");
        Sizes[Key(Design, Samples)] = (_results.TestedCount, Samples);
        Console.WriteLine($"// {Design}, {Samples:N0} samples: {design.PoolCount:N0} pools, {_results.TestedCount:N0} results, {positives:N0} positive samples, "
            + $"{_decoding.DefiniteCount:N0} definite, {_decoding.PossibleCount:N0} possible, {_decoding.Retests.Length:N0} retests");
    }

    private void Record(PoolDesign design, int pool, bool[] truth, Random random)
    {
        var positive = false;
        foreach (var s in design.SamplesOf(pool)) positive |= truth[s];
        _results.Record(pool, positive ? 24 + random.NextDouble() * 10 : null);
    }

    [Benchmark(Baseline = true, Description = "read the tested pools' memberships")]
    public long ReadMemberships()
    {
        var design = _results.Design;
        var outcomes = _results.Outcomes;
        long sum = 0;
        for (var p = 0; p < outcomes.Length; p++)
        {
            if (outcomes[p] == PoolOutcome.NotTested) continue;
            foreach (var s in design.SamplesOf(p)) sum += s;
        }
        return sum;
    }

    [Benchmark(Description = "decode (COMP, DD, SCOMP, Ct, retests)")]
    public int Decode()
    {
        PoolDecoder.Decode(_results, _decoding);
        return _decoding.Candidates.Length;
    }

    private static string Key(string design, int samples) => design + "/" + samples.ToString(CultureInfo.InvariantCulture);

    [AttributeUsage(AttributeTargets.Class)]
    private sealed class RateColumnsAttribute() : ColumnConfigBaseAttribute(
        new RateColumn("pool results/s", s => s.Results), new RateColumn("samples/s", s => s.Samples));

    /// <summary>A count of the case (pool results, samples) per second of the mean time.</summary>
    private sealed class RateColumn(string name, Func<(int Results, int Samples), int> count) : IColumn
    {
        public string Id => nameof(RateColumn) + name;
        public string ColumnName => name;
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => $"{name[..name.IndexOf('/', StringComparison.Ordinal)]} per second of the mean time";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var design = (string)benchmarkCase.Parameters["Design"];
            var samples = (int)benchmarkCase.Parameters["Samples"];
            var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
            if (mean is not { } ns || !Sizes.TryGetValue(Key(design, samples), out var size)) return "-";
            return (count(size) / (ns / 1e9) / 1e6).ToString("N1", CultureInfo.InvariantCulture) + " M";
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
