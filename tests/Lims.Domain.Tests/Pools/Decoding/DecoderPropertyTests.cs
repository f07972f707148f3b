using Lims.Domain.Pools.Decoding;
using Lims.Domain.Pools.Designs;

namespace Lims.Domain.Tests.Pools.Decoding;

/// <summary>
/// Properties over random truths (seeded, so a failure reproduces): with noise-free results — a pool is positive
/// exactly when it holds a positive sample — no positive sample is ever called negative, DD ⊆ SCOMP ⊆ COMP, DD's
/// positives are all true, SCOMP explains every positive pool, and nothing is unexplained.
/// </summary>
public sealed class DecoderPropertyTests
{
    public static TheoryData<string> Designs => ["dorfman-10", "three-stage-16-4", "array-8x12", "array-master-4x4", "sts-15", "sts-31", "rs-7-1-3", "rs-11-2-4", "random"];

    private static PoolDesign Make(string name, Random random) => name switch
    {
        "dorfman-10" => PoolDesign.Dorfman(SampleSet.Numbered(200), 10),
        "three-stage-16-4" => PoolDesign.ThreeStage(SampleSet.Numbered(200), 16, 4),
        "array-8x12" => PoolDesign.Arrays(SampleSet.Numbered(300), 8, 12),
        "array-master-4x4" => PoolDesign.Arrays(SampleSet.Numbered(100), 4, 4, master: true),
        "sts-15" => PoolDesign.SteinerTriples(SampleSet.Numbered(35), 15),
        "sts-31" => PoolDesign.SteinerTriples(SampleSet.Numbered(155), 31),
        "rs-7-1-3" => PoolDesign.ReedSolomon(SampleSet.Numbered(49), 7, 1, 3),
        "rs-11-2-4" => PoolDesign.ReedSolomon(SampleSet.Numbered(200), 11, 2, 4),
        _ => RandomDesign(random),
    };

    /// <summary>40 samples in 2–3 of 25 random pools each.</summary>
    private static PoolDesign RandomDesign(Random random)
    {
        var rows = new List<(string, string)>();
        for (var s = 0; s < 40; s++)
            foreach (var p in Enumerable.Range(0, 25).OrderBy(_ => random.Next()).Take(random.Next(2, 4)))
                rows.Add(($"P{p}", $"S{s}"));
        return PoolDesign.FromMemberships(rows);
    }

    [Theory]
    [MemberData(nameof(Designs))]
    public void Noise_free_results_never_call_a_positive_negative_and_the_decoders_nest(string name)
    {
        var random = new Random(20_261_123 + name.Length);
        foreach (var prevalence in new[] { 0.005, 0.02, 0.08, 0.25 })
        {
            for (var trial = 0; trial < 25; trial++)
            {
                var design = Make(name, random);
                var truth = Enumerable.Range(0, design.SampleCount).Select(_ => random.NextDouble() < prevalence).ToArray();
                var results = NoiseFree(design, truth, random, testEveryPool: true);

                var decoding = PoolDecoder.Decode(results);

                var context = $"{name}, prevalence {prevalence}, trial {trial}";
                for (var s = 0; s < design.SampleCount; s++)
                {
                    if (truth[s]) Assert.True(decoding.CallOf(s) != SampleCall.Negative, $"{context}: positive sample {s} called negative.");
                    var dd = decoding.IsPositive(s, DecodingRule.DD);
                    var scomp = decoding.IsPositive(s, DecodingRule.Scomp);
                    var comp = decoding.IsPositive(s, DecodingRule.Comp);
                    Assert.True(!dd || scomp, $"{context}: sample {s} is DD-positive but not SCOMP-positive.");
                    Assert.True(!scomp || comp, $"{context}: sample {s} is SCOMP-positive but not COMP-positive.");
                    Assert.True(!dd || truth[s], $"{context}: DD called negative sample {s} positive.");
                }
                Assert.True(decoding.UnexplainedPositivePools.IsEmpty, $"{context}: noise-free results left a pool unexplained.");
                for (var p = 0; p < design.PoolCount; p++)
                {
                    if (results.OutcomeOf(p) != PoolOutcome.Positive) continue;
                    var members = design.SamplesOf(p).ToArray();
                    Assert.True(members.Any(s => decoding.IsPositive(s, DecodingRule.Scomp)), $"{context}: SCOMP leaves positive pool {p} unexplained.");
                }
                // Retests: exactly the possible positives, each once, lowest estimated Ct first (none last), then index.
                var possible = Enumerable.Range(0, design.SampleCount).Where(s => decoding.CallOf(s) == SampleCall.PossiblePositive);
                var expected = possible.OrderBy(s => decoding.EstimatedCt(s) ?? double.PositiveInfinity).ThenBy(s => s);
                Assert.Equal(expected, decoding.Retests.ToArray());
            }
        }
    }

    [Theory]
    [MemberData(nameof(Designs))]
    public void The_same_results_decode_the_same_way_every_time(string name)
    {
        var random = new Random(7 + name.Length);
        var design = Make(name, random);
        var truth = Enumerable.Range(0, design.SampleCount).Select(_ => random.NextDouble() < 0.1).ToArray();
        var results = NoiseFree(design, truth, random, testEveryPool: true);
        var reused = new PoolDecoding(design);

        var first = PoolDecoder.Decode(results);
        PoolDecoder.Decode(results, reused);
        PoolDecoder.Decode(results, reused);

        Assert.Equal(first.Calls.ToArray(), reused.Calls.ToArray());
        Assert.Equal(first.Retests.ToArray(), reused.Retests.ToArray());
        Assert.Equal(first.NextPools.ToArray(), reused.NextPools.ToArray());
        Assert.Equal(first.Positives(DecodingRule.Scomp), reused.Positives(DecodingRule.Scomp));
    }

    [Theory]
    [InlineData(15)]
    [InlineData(31)]
    public void A_Steiner_design_finds_any_two_positives_exactly(int v)
    {
        var design = PoolDesign.SteinerTriples(SampleSet.Numbered(v * (v - 1) / 6), v);
        var random = new Random(v);
        for (var trial = 0; trial < 200; trial++)
        {
            var truth = new bool[design.SampleCount];
            var count = trial % 3;
            while (truth.Count(t => t) < count) truth[random.Next(truth.Length)] = true;

            var decoding = PoolDecoder.Decode(NoiseFree(design, truth, random, testEveryPool: true));

            var expected = Enumerable.Range(0, truth.Length).Where(s => truth[s]).ToArray();
            Assert.Equal(expected, decoding.Positives(DecodingRule.DD));
            Assert.Equal(expected, decoding.Positives(DecodingRule.Comp));
        }
    }

    [Theory]
    [InlineData("dorfman-10")]
    [InlineData("three-stage-16-4")]
    public void A_hierarchical_design_run_stage_by_stage_as_asked_finds_every_positive_exactly(string name)
    {
        var random = new Random(name.Length);
        for (var trial = 0; trial < 30; trial++)
        {
            var design = Make(name, random);
            var truth = Enumerable.Range(0, design.SampleCount).Select(_ => random.NextDouble() < 0.03).ToArray();
            var results = NoiseFree(design, truth, random, testEveryPool: false);
            var decoding = PoolDecoder.Decode(results);
            var stages = 1;
            while (!decoding.NextPools.IsEmpty)
            {
                foreach (var p in decoding.NextPools) Record(results, p, truth, random);
                decoding = PoolDecoder.Decode(results);
                stages++;
            }

            Assert.Equal(Enumerable.Range(0, truth.Length).Where(s => truth[s]), decoding.Positives(DecodingRule.DD));
            Assert.True(decoding.Retests.IsEmpty);
            Assert.True(stages <= design.StageCount);
            // Only the pools the protocol asks for were run: a later stage only under positive pools.
            for (var p = 0; p < design.PoolCount; p++)
            {
                if (results.OutcomeOf(p) == PoolOutcome.NotTested) continue;
                foreach (var s in design.SamplesOf(p))
                    foreach (var q in design.PoolsOf(s))
                        if (design.StageOf(q) < design.StageOf(p)) Assert.Equal(PoolOutcome.Positive, results.OutcomeOf(q));
            }
            Assert.True(results.TestedCount < design.PoolCount);
        }
    }

    /// <summary>Results where a pool is positive exactly when it holds a positive sample (mostly Ct 25–35), for every pool or stage 1 only.</summary>
    private static PoolResults NoiseFree(PoolDesign design, bool[] truth, Random random, bool testEveryPool)
    {
        var results = new PoolResults(design);
        for (var p = 0; p < design.PoolCount; p++)
            if (testEveryPool || design.StageOf(p) == 1) Record(results, p, truth, random);
        return results;
    }

    private static void Record(PoolResults results, int pool, bool[] truth, Random random)
    {
        var positive = false;
        foreach (var s in results.Design.SamplesOf(pool)) positive |= truth[s];
        // Now and then a positive without a Ct, or a very strong one (an estimate below zero).
        var ct = random.Next(20) switch { 0 => (double?)null, 1 => random.NextDouble() * 3, _ => 25 + random.NextDouble() * 10 };
        if (positive && ct is null) results.Record(pool, PoolOutcome.Positive);
        else results.Record(pool, positive ? ct : null);
    }
}
