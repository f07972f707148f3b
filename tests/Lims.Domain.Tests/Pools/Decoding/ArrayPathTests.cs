using Lims.Domain.Pools.Decoding;
using Lims.Domain.Pools.Designs;

namespace Lims.Domain.Tests.Pools.Decoding;

/// <summary>
/// The decoder's array path (array by array, with bit masks) against its general passes on the same results: every
/// call, candidate, definite, Ct estimate and spread (bit for bit), flag, SCOMP choice, unexplained pool, retest,
/// next pool, near-cut-off pool, pool state and open-pool link must be the same. Random arrays (seeded), with 0–3
/// positives per array or a prevalence, noise-free or noisy (flipped results, untested pools, positives without a Ct,
/// Cts near the cut-off), with and without a master pool, partial last arrays, decoded fresh and into reused buffers.
/// </summary>
public sealed class ArrayPathTests
{
    public static TheoryData<int, int, int, bool, int> Shapes => new()
    {
        // samples, rows, columns, master, dilution cap
        { 96, 8, 12, false, 20 },
        { 300, 8, 12, false, 20 },
        { 961, 8, 12, false, 20 },
        { 1000, 8, 12, false, 20 },
        { 1000, 8, 12, true, 96 },
        { 1003, 12, 8, true, 96 },
        { 100, 4, 4, true, 20 },
        { 7, 2, 3, true, 20 },
        { 5, 8, 12, false, 20 },
        { 13, 8, 12, true, 96 },
        { 41, 2, 2, false, 20 },
        { 40, 2, 7, false, 20 },
        { 40, 7, 2, true, 20 },
        { 1234, 20, 20, false, 20 },
        { 2000, 30, 33, false, 40 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_array_path_decodes_exactly_as_the_general_passes(int samples, int rows, int columns, bool master, int cap)
    {
        var design = PoolDesign.Arrays(SampleSet.Numbered(samples), rows, columns, master, cap);
        Assert.True(PoolDecoder.ArrayPathFits(design));
        var random = new Random(samples * 31 + rows * 7 + columns + (master ? 1 : 0));
        var fast = new PoolDecoding(design);
        var general = new PoolDecoding(design);
        for (var trial = 0; trial < 60; trial++)
        {
            var truth = Truth(design, rows * columns, random, trial);
            var noise = trial % 3 == 0 ? 0 : trial % 3 == 1 ? 0.03 : 0.2;
            var cutoff = trial % 4 == 3 ? 35.5 : PoolResults.DefaultCtCutoff;
            var stage = !master ? Stage.All : (Stage)(trial % 3);
            var results = Results(design, truth, random, noise, cutoff, stage);
            var options = new DecodeOptions { MaxCtSpread = random.Next(4) * 1.5 };
            var context = $"{samples} samples, {rows} × {columns}{(master ? " + master" : "")}, trial {trial}, noise {noise}, {stage}";

            // Fresh decodings, and the same two decodings reused trial after trial.
            AssertSame(Decode(results, new PoolDecoding(design), options, true), Decode(results, new PoolDecoding(design), options, false), context + ", fresh");
            AssertSame(Decode(results, fast, options, true), Decode(results, general, options, false), context + ", reused");
        }
    }

    [Fact]
    public void Designs_the_array_path_does_not_fit_go_through_the_general_passes()
    {
        Assert.False(PoolDecoder.ArrayPathFits(PoolDesign.Dorfman(SampleSet.Numbered(100), 10)));
        Assert.False(PoolDecoder.ArrayPathFits(PoolDesign.FromMemberships([("P1", "S1"), ("P2", "S1")])));
        // A pooled collection tube (only ever alone: the one sample of a last, partial array).
        var tubes = SampleSet.Tubes([("T1", 1), ("T2", 1), ("T3", 1), ("T4", 1), ("T5", 10)]);
        Assert.False(PoolDecoder.ArrayPathFits(PoolDesign.Arrays(tubes, 2, 2)));
        // More than 64 pools per array.
        Assert.False(PoolDecoder.ArrayPathFits(PoolDesign.Arrays(SampleSet.Numbered(3000), 40, 40, dilutionCap: 40)));
        Assert.True(PoolDecoder.ArrayPathFits(PoolDesign.Arrays(SampleSet.Numbered(3000), 31, 33, master: false, dilutionCap: 40)));
    }

    [Fact]
    public void The_array_path_decoding_again_allocates_nothing()
    {
        var design = PoolDesign.Arrays(SampleSet.Numbered(100_000), 8, 12);
        var random = new Random(5);
        var truth = Enumerable.Range(0, design.SampleCount).Select(_ => random.NextDouble() < 0.02).ToArray();
        var results = Results(design, truth, random, 0.01, PoolResults.DefaultCtCutoff, Stage.All);
        var decoding = new PoolDecoding(design);
        PoolDecoder.Decode(results, decoding);

        var before = GC.GetAllocatedBytesForCurrentThread();
        PoolDecoder.Decode(results, decoding);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(decoding.Retests.Length > 100);
        Assert.Equal(0, allocated);
    }

    private enum Stage { All, MasterOnly, Protocol }

    private static PoolDecoding Decode(PoolResults results, PoolDecoding into, DecodeOptions options, bool arrayPath)
    {
        PoolDecoder.Decode(results, into, options, arrayPath);
        return into;
    }

    /// <summary>0, 1, 2 or 3 positives in each array (by trial), or a prevalence of 1–20 %.</summary>
    private static bool[] Truth(PoolDesign design, int cells, Random random, int trial)
    {
        var truth = new bool[design.SampleCount];
        if (trial % 5 == 4)
        {
            var prevalence = 0.01 + random.NextDouble() * 0.19;
            for (var s = 0; s < truth.Length; s++) truth[s] = random.NextDouble() < prevalence;
            return truth;
        }
        for (var first = 0; first < truth.Length; first += cells)
        {
            var count = Math.Min(cells, truth.Length - first);
            var positives = trial % 5 == 3 ? random.Next(4) : trial % 5;
            for (var i = 0; i < positives; i++) truth[first + random.Next(count)] = true;
        }
        return truth;
    }

    /// <summary>
    /// Results from the truth: with <paramref name="noise"/>, a pool's outcome is flipped, left untested, given no Ct,
    /// or a Ct near the cut-off, each with that probability. Master designs: every pool, the master pools only, or
    /// the rows and columns of the positive master pools (the protocol).
    /// </summary>
    private static PoolResults Results(PoolDesign design, bool[] truth, Random random, double noise, double cutoff, Stage stage)
    {
        var results = new PoolResults(design, cutoff);
        for (var p = 0; p < design.PoolCount; p++)
        {
            if (stage == Stage.MasterOnly && design.StageOf(p) != 1) continue;
            if (stage == Stage.Protocol && design.StageOf(p) != 1)
            {
                var masterPool = design.PoolsOf(design.SamplesOf(p)[0])[0];
                if (results.OutcomeOf(masterPool) != PoolOutcome.Positive) continue;
            }
            var positive = false;
            foreach (var s in design.SamplesOf(p)) positive |= truth[s];
            if (random.NextDouble() < noise) positive = !positive;
            if (random.NextDouble() < noise) continue; // untested
            var shift = design.ShiftOf(p);
            double? ct = random.Next(12) switch
            {
                0 => null, // positive without a Ct, negative without amplification
                1 => cutoff - shift * random.NextDouble(), // a weak positive
                2 => cutoff + shift * random.NextDouble(), // a late negative
                3 => random.Next(4) switch { 0 => cutoff - shift, 1 => cutoff + shift, 2 => 0.0, _ => -0.0 },
                4 => random.NextDouble() * 3,
                _ => 24 + random.Next(40) * 0.25, // repeated values: ties in the retest order
            };
            if (positive)
            {
                if (ct is { } value && value < cutoff) results.Record(p, value);
                else results.Record(p, PoolOutcome.Positive);
            }
            else results.Record(p, ct is { } value && value >= cutoff ? value : null);
        }
        return results;
    }

    private static void AssertSame(PoolDecoding fast, PoolDecoding general, string context)
    {
        Assert.True(fast.Calls.SequenceEqual(general.Calls), $"{context}: calls differ.");
        Assert.True(fast.Candidates.SequenceEqual(general.Candidates), $"{context}: candidates differ.");
        Assert.Equal(general.DefiniteCount, fast.DefiniteCount);
        Assert.True(fast.UnexplainedPositivePools.SequenceEqual(general.UnexplainedPositivePools), $"{context}: unexplained pools differ.");
        Assert.True(fast.Retests.SequenceEqual(general.Retests), $"{context}: retests differ.");
        Assert.True(fast.NextPools.SequenceEqual(general.NextPools), $"{context}: next pools differ.");
        Assert.True(fast.NearCutoffPools.SequenceEqual(general.NearCutoffPools), $"{context}: near-cut-off pools differ.");
        Assert.True(fast.PoolState.AsSpan().SequenceEqual(general.PoolState), $"{context}: pool states differ.");
        Assert.Equal(general.OpenPoolCount, fast.OpenPoolCount);
        Assert.Equal(general.OpenLinkCount, fast.OpenLinkCount);
        for (var i = 0; i < general.CandidateCount; i++)
        {
            var s = general.CandidateBuffer[i];
            var at = $"{context}: candidate {i} (sample {s})";
            Assert.True(fast.PositionBuffer[s] == i, $"{at}: position.");
            Assert.True(fast.CandidateCallBuffer[i] == general.CandidateCallBuffer[i], $"{at}: call.");
            Assert.True(Bits(fast.EstimateBuffer[i]) == Bits(general.EstimateBuffer[i]), $"{at}: estimate {fast.EstimateBuffer[i]} ≠ {general.EstimateBuffer[i]}.");
            Assert.True(Bits(fast.SpreadBuffer[i]) == Bits(general.SpreadBuffer[i]), $"{at}: spread.");
            Assert.True(fast.FlagBuffer[i] == general.FlagBuffer[i], $"{at}: flags {fast.FlagBuffer[i]} ≠ {general.FlagBuffer[i]}.");
            Assert.True(fast.ScompBuffer[i] == general.ScompBuffer[i], $"{at}: SCOMP.");
            var (a, b) = (fast.TallyBuffer[i], general.TallyBuffer[i]);
            Assert.True(Bits(a.Sum) == Bits(b.Sum) && Bits(a.Min) == Bits(b.Min) && Bits(a.Max) == Bits(b.Max)
                && a.Estimates == b.Estimates && a.PositivePools == b.PositivePools && a.Flags == b.Flags, $"{at}: tally.");
            Assert.Equal(Links(general, i), Links(fast, i));
        }
        var rule = DecodingRule.Scomp;
        Assert.Equal(general.Positives(rule), fast.Positives(rule));
        Assert.Equal(PoolDecodeReport.Create(general), PoolDecodeReport.Create(fast), ReportComparer.Instance);
    }

    private static int Bits(float value) => BitConverter.SingleToInt32Bits(value);

    private static List<int> Links(PoolDecoding decoding, int position)
    {
        var pools = new List<int>();
        for (var link = decoding.OpenHeadBuffer[position]; link >= 0; link = decoding.OpenLinkBuffer[link].Next) pools.Add(decoding.OpenLinkBuffer[link].Pool);
        return pools;
    }

    private sealed class ReportComparer : IEqualityComparer<PoolDecodeReport>
    {
        public static readonly ReportComparer Instance = new();

        public bool Equals(PoolDecodeReport? x, PoolDecodeReport? y) =>
            x is not null && y is not null
            && x.DefinitePositives.SequenceEqual(y.DefinitePositives) && x.PossiblePositives.SequenceEqual(y.PossiblePositives)
            && x.Negatives.SequenceEqual(y.Negatives) && x.UnexplainedPositivePools.SequenceEqual(y.UnexplainedPositivePools)
            && x.Retests.SequenceEqual(y.Retests) && x.UntestedPools.SequenceEqual(y.UntestedPools) && x.Flags.SequenceEqual(y.Flags);

        public int GetHashCode(PoolDecodeReport obj) => 0;
    }
}
