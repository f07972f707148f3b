using Lims.Domain.Pools.Decoding;
using Lims.Domain.Pools.Designs;

namespace Lims.Domain.Tests.Pools.Decoding;

/// <summary>Pool Ct values: the dilution shift (ΔCt ≈ log2 k), individual estimates, weak positives, disagreeing pools.</summary>
public sealed class CtAwareDecodingTests
{
    private static PoolDecoding Decode(PoolDesign design, DecodeOptions? options, params (string Pool, double? Ct)[] results)
    {
        var recorded = new PoolResults(design, ctCutoff: 40);
        foreach (var (pool, ct) in results) recorded.Record(pool, ct);
        return PoolDecoder.Decode(recorded, options);
    }

    private static PoolDesign PoolOf(int k) => PoolDesign.FromMemberships(Enumerable.Range(1, k).Select(i => ("P", $"S{i:D2}")));

    [Theory]
    [InlineData(2, 31, 30)]
    [InlineData(8, 33, 30)]
    [InlineData(16, 34, 30)]
    [InlineData(10, 30, 26.678)]
    public void A_sample_s_individual_Ct_is_its_pool_Ct_less_log2_of_the_pool_size(int k, double poolCt, double individual)
    {
        var decoding = Decode(PoolOf(k), null, ("P", poolCt));

        Assert.All(Enumerable.Range(0, k), s => Assert.Equal(individual, decoding.EstimatedCt(s)!.Value, 3));
        Assert.All(Enumerable.Range(0, k), s => Assert.Equal(0, decoding.CtSpread(s)!.Value));
    }

    [Theory]
    [InlineData(16, 36.5, true)]   // within log2 16 = 4 cycles below the cut-off
    [InlineData(16, 35.9, false)]
    [InlineData(4, 38.5, true)]    // within 2 cycles
    [InlineData(4, 37.5, false)]
    [InlineData(1, 39.9, false)]   // alone: no dilution can hide anything
    public void A_positive_pool_within_its_dilution_shift_of_the_cut_off_is_a_weak_positive(int k, double poolCt, bool flagged)
    {
        var design = PoolOf(k);

        var decoding = Decode(design, null, ("P", poolCt));

        Assert.Equal(PoolOutcome.Positive, decoding.Results!.OutcomeOf(0));
        Assert.Equal(flagged, decoding.IsNearCutoff(0));
        Assert.Equal(flagged ? [0] : [], decoding.NearCutoffPools.ToArray());
        Assert.All(Enumerable.Range(0, k), s => Assert.Equal(flagged, decoding.FlagsOf(s).HasFlag(SampleFlags.NearCutoff)));
    }

    [Theory]
    [InlineData(16, 41.0, true)]    // undiluted, about Ct 37: a positive the pool hides
    [InlineData(16, 43.9, true)]
    [InlineData(16, 44.0, false)]
    [InlineData(16, null, false)]
    [InlineData(1, 40.5, false)]
    public void A_negative_pool_whose_Ct_dilution_may_have_pushed_over_the_cut_off_is_flagged(int k, double? poolCt, bool flagged)
    {
        var decoding = Decode(PoolOf(k), null, ("P", poolCt));

        Assert.Equal(k, decoding.NegativeCount);
        Assert.Equal(flagged, decoding.IsNearCutoff(0));
    }

    [Fact]
    public void Near_cut_off_pools_are_listed_in_pool_order_whether_weak_positive_or_late_negative()
    {
        var rows = new List<(string, string)>();
        foreach (var pool in new[] { "A", "B", "C", "D" })
            for (var i = 0; i < 8; i++) rows.Add((pool, $"{pool}{i}"));
        var design = PoolDesign.FromMemberships(rows);

        var decoding = Decode(design, null, ("A", 38), ("B", 41), ("C", 30), ("D", 42));

        Assert.Equal(["A", "B", "D"], decoding.NearCutoffPools.ToArray().Select(p => design.PoolIds[p]));
    }

    [Fact]
    public void A_sample_whose_pools_disagree_by_more_than_the_allowed_spread_is_flagged()
    {
        var design = PoolDesign.Arrays(SampleSet.Numbered(9), 3, 3);

        // S1: row 1 says 25 − log2 3, column 1 says 30.5 − log2 3: 5.5 cycles apart.
        var wide = Decode(design, null, ("A1-R1", 25), ("A1-R2", null), ("A1-R3", null), ("A1-C1", 30.5), ("A1-C2", null), ("A1-C3", null));
        var narrow = Decode(design, null, ("A1-R1", 29), ("A1-R2", null), ("A1-R3", null), ("A1-C1", 30.5), ("A1-C2", null), ("A1-C3", null));
        var tolerant = Decode(design, new DecodeOptions { MaxCtSpread = 6 }, ("A1-R1", 25), ("A1-R2", null), ("A1-R3", null), ("A1-C1", 30.5), ("A1-C2", null), ("A1-C3", null));

        Assert.Equal(5.5, wide.CtSpread(0)!.Value, 4);
        Assert.Equal(27.75 - Math.Log2(3), wide.EstimatedCt(0)!.Value, 4);
        Assert.True(wide.FlagsOf(0).HasFlag(SampleFlags.CtSpread));
        Assert.False(narrow.FlagsOf(0).HasFlag(SampleFlags.CtSpread));
        Assert.False(tolerant.FlagsOf(0).HasFlag(SampleFlags.CtSpread));
        Assert.Equal(SampleFlags.None, wide.FlagsOf(4));
    }

    [Fact]
    public void A_pooled_collection_tube_tested_alone_is_not_diluted_further_but_its_swabs_are()
    {
        var design = PoolDesign.FromMemberships([("X", "T1"), ("Y", "S1")], swabs: new Dictionary<string, int> { ["T1"] = 10 });

        // 10 swabs: a shift of log2 10 ≈ 3.3 cycles for each person in it, none for the tube itself.
        var decoding = Decode(design, null, ("X", 37.5), ("Y", 37.5));

        var (tube, single) = (design.SampleIds.IndexOf("T1"), design.SampleIds.IndexOf("S1"));
        Assert.Equal(37.5, decoding.EstimatedCt(tube)!.Value, 4);
        Assert.Equal(37.5, decoding.EstimatedCt(single)!.Value, 4);
        Assert.True(decoding.IsNearCutoff(design.PoolIds.IndexOf("X")));
        Assert.False(decoding.IsNearCutoff(design.PoolIds.IndexOf("Y")));
        Assert.Equal(SampleFlags.NearCutoff, decoding.FlagsOf(tube));

        // A 4-swab tube tested alone twice, a single in a pool of two and alone: each estimate takes its own shift.
        var mixed = PoolDesign.FromMemberships([("X", "T1"), ("Y", "S1"), ("Y", "S2"), ("Z", "T1"), ("Z2", "S1")], swabs: new Dictionary<string, int> { ["T1"] = 4 });
        var second = Decode(mixed, null, ("X", 30), ("Y", 31), ("Z", 32), ("Z2", 30));
        Assert.Equal(31, second.EstimatedCt(mixed.SampleIds.IndexOf("T1"))!.Value, 4);
        Assert.Equal(30, second.EstimatedCt(mixed.SampleIds.IndexOf("S1"))!.Value, 4);
    }

    [Fact]
    public void A_positive_without_a_Ct_has_no_estimate_and_retests_after_those_with_one()
    {
        var design = PoolDesign.FromMemberships([("P1", "a"), ("P1", "b"), ("P2", "c"), ("P2", "d")]);
        var results = new PoolResults(design);
        results.Record(0, PoolOutcome.Positive);
        results.Record(1, 35);

        var decoding = PoolDecoder.Decode(results);

        Assert.Null(decoding.EstimatedCt(0));
        Assert.Equal(["c", "d", "a", "b"], decoding.Retests.ToArray().Select(s => design.SampleIds[s]));
    }
}
