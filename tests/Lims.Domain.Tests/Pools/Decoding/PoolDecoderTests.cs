using Lims.Domain.Common;
using Lims.Domain.Pools.Decoding;
using Lims.Domain.Pools.Designs;

namespace Lims.Domain.Tests.Pools.Decoding;

/// <summary>COMP, DD and SCOMP on hand-worked cases.</summary>
public sealed class PoolDecoderTests
{
    // A 3 × 3 array: samples S1 … S9 row by row; pools A1-R1 … A1-R3 (rows), A1-C1 … A1-C3 (columns).
    private static PoolDesign Array3x3() => PoolDesign.Arrays(SampleSet.Numbered(9), 3, 3);

    private static PoolResults Results(PoolDesign design, params (string Pool, double? Ct)[] results)
    {
        var recorded = new PoolResults(design);
        foreach (var (pool, ct) in results) recorded.Record(pool, ct);
        return recorded;
    }

    private static string[] Ids(PoolDesign design, ReadOnlySpan<int> samples) => [.. samples.ToArray().Select(s => design.SampleIds[s])];

    private static string[] Ids(PoolDesign design, int[] samples) => Ids(design, samples.AsSpan());

    private static string[] PoolIds(PoolDesign design, ReadOnlySpan<int> pools) => [.. pools.ToArray().Select(p => design.PoolIds[p])];

    [Fact]
    public void One_positive_in_a_3_by_3_array_is_found_by_its_row_and_column()
    {
        var design = Array3x3();
        var results = Results(design, ("A1-R1", null), ("A1-R2", 31), ("A1-R3", null), ("A1-C1", null), ("A1-C2", 32), ("A1-C3", null));

        var decoding = PoolDecoder.Decode(results);

        Assert.Equal(["S5"], Ids(design, decoding.Candidates));
        Assert.Equal(SampleCall.DefinitePositive, decoding.CallOf(4));
        Assert.Equal(8, decoding.NegativeCount);
        Assert.Equal(["S5"], Ids(design, decoding.Positives(DecodingRule.DD)));
        Assert.Equal(["S5"], Ids(design, decoding.Positives(DecodingRule.Scomp)));
        Assert.Equal(["S5"], Ids(design, decoding.Positives(DecodingRule.Comp)));
        Assert.True(decoding.Retests.IsEmpty);
        Assert.True(decoding.UnexplainedPositivePools.IsEmpty);
        Assert.True(decoding.NextPools.IsEmpty);
    }

    [Fact]
    public void Two_positives_on_a_diagonal_leave_the_classic_four_candidates()
    {
        var design = Array3x3();
        // S1 (R1, C1) and S5 (R2, C2) positive.
        var results = new PoolResults(design);
        foreach (var pool in new[] { "A1-R1", "A1-R2", "A1-C1", "A1-C2" }) results.Record(design.PoolIds.IndexOf(pool), PoolOutcome.Positive);
        foreach (var pool in new[] { "A1-R3", "A1-C3" }) results.Record(pool, null);

        var decoding = PoolDecoder.Decode(results);

        Assert.Equal(["S1", "S2", "S4", "S5"], Ids(design, decoding.Candidates));
        Assert.All(decoding.Candidates.ToArray(), s => Assert.Equal(SampleCall.PossiblePositive, decoding.CallOf(s)));
        Assert.Empty(decoding.Positives(DecodingRule.DD));
        Assert.Equal(["S1", "S2", "S4", "S5"], Ids(design, decoding.Positives(DecodingRule.Comp)));
        // Without Cts every candidate explains two pools; the tie goes to the lower index: S1 (R1, C1), then only S5
        // explains both R2 and C2.
        Assert.Equal(["S1", "S5"], Ids(design, decoding.Positives(DecodingRule.Scomp)));
        Assert.Equal(["S1", "S2", "S4", "S5"], Ids(design, decoding.Retests));
        Assert.True(decoding.UnexplainedPositivePools.IsEmpty);
    }

    [Fact]
    public void Retests_and_SCOMP_ties_follow_the_strongest_signal_first()
    {
        var design = Array3x3();
        // Estimated individual Ct (mean of row and column Ct, minus log2 3): S1 29.5, S4 30, S2 31, S5 31.5.
        var results = Results(design, ("A1-R1", 30), ("A1-R2", 31), ("A1-R3", null), ("A1-C1", 29), ("A1-C2", 32), ("A1-C3", null));

        var decoding = PoolDecoder.Decode(results);

        Assert.Equal(["S1", "S4", "S2", "S5"], Ids(design, decoding.Retests));
        Assert.Equal(29.5 - Math.Log2(3), decoding.EstimatedCt(0)!.Value, 4);
        Assert.Equal(1.0, decoding.CtSpread(0)!.Value, 4);
        Assert.Null(decoding.EstimatedCt(2));
        Assert.Equal(["S1", "S5"], Ids(design, decoding.Positives(DecodingRule.Scomp)));
    }

    [Fact]
    public void A_definite_positive_explains_its_other_pools_so_SCOMP_adds_nobody_there()
    {
        // P1 = {a, b}, P2 = {b, c}, P3 = {c, x}: P3 negative, so b is P2's only candidate and explains P1 as well.
        var design = PoolDesign.FromMemberships([("P1", "a"), ("P1", "b"), ("P2", "b"), ("P2", "c"), ("P3", "c"), ("P3", "x")]);
        var results = Results(design, ("P1", 25), ("P2", 33), ("P3", null));

        var decoding = PoolDecoder.Decode(results);

        Assert.Equal(["b"], Ids(design, decoding.Positives(DecodingRule.DD)));
        Assert.Equal(["b"], Ids(design, decoding.Positives(DecodingRule.Scomp)));
        Assert.Equal(["a", "b"], Ids(design, decoding.Positives(DecodingRule.Comp)));
        Assert.Equal(["a"], Ids(design, decoding.Retests));
    }

    [Fact]
    public void SCOMP_prefers_the_candidate_that_explains_the_most_pools_over_a_stronger_one()
    {
        // P1 = {a, b} Ct 25, P2 = {b, c} Ct 33: a is the strongest (24), but b explains both pools.
        var design = PoolDesign.FromMemberships([("P1", "a"), ("P1", "b"), ("P2", "b"), ("P2", "c")]);
        var results = Results(design, ("P1", 25), ("P2", 33));

        var decoding = PoolDecoder.Decode(results);

        Assert.Empty(decoding.Positives(DecodingRule.DD));
        Assert.Equal(["b"], Ids(design, decoding.Positives(DecodingRule.Scomp)));
        Assert.Equal(["a", "b", "c"], Ids(design, decoding.Retests));
        Assert.Equal(24, decoding.EstimatedCt(0)!.Value, 4);
        Assert.Equal(28, decoding.EstimatedCt(1)!.Value, 4);
    }

    [Fact]
    public void SCOMP_covers_greedily_by_the_number_of_pools_explained()
    {
        // x is in three positive pools, each shared with one other candidate: SCOMP takes x alone.
        var design = PoolDesign.FromMemberships([("P1", "x"), ("P1", "a"), ("P2", "x"), ("P2", "b"), ("P3", "x"), ("P3", "c")]);
        var results = Results(design, ("P1", 30), ("P2", 30), ("P3", 30));

        var decoding = PoolDecoder.Decode(results);

        Assert.Empty(decoding.Positives(DecodingRule.DD));
        Assert.Equal(["x"], Ids(design, decoding.Positives(DecodingRule.Scomp)));
        Assert.Equal(4, decoding.Candidates.Length);
    }

    [Fact]
    public void A_positive_row_with_every_column_negative_is_an_unexplained_positive_pool()
    {
        var design = Array3x3();
        var results = Results(design, ("A1-R1", 30), ("A1-R2", null), ("A1-R3", null), ("A1-C1", null), ("A1-C2", null), ("A1-C3", null));

        var decoding = PoolDecoder.Decode(results);

        Assert.Equal(["A1-R1"], PoolIds(design, decoding.UnexplainedPositivePools));
        Assert.Equal(9, decoding.NegativeCount);
        Assert.True(decoding.Retests.IsEmpty);
    }

    [Fact]
    public void Dorfman_decodes_stage_by_stage()
    {
        var design = PoolDesign.Dorfman(SampleSet.Numbered(20), 10);
        var results = Results(design, ("P1", 30), ("P2", null));

        var first = PoolDecoder.Decode(results);

        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"S{i:D2}"), Ids(design, first.Retests));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"P1:S{i:D2}"), PoolIds(design, first.NextPools));
        Assert.Equal(10, first.NegativeCount);
        Assert.Equal(0, first.DefiniteCount);
        Assert.Equal(30 - Math.Log2(10), first.EstimatedCt(3)!.Value, 4);

        for (var i = 1; i <= 10; i++) results.Record($"P1:S{i:D2}", i == 4 ? 27.1 : null);
        var second = PoolDecoder.Decode(results);

        Assert.Equal(["S04"], Ids(design, second.Candidates));
        Assert.Equal(SampleCall.DefinitePositive, second.CallOf(3));
        Assert.True(second.Retests.IsEmpty);
        Assert.True(second.NextPools.IsEmpty);
        Assert.True(second.UnexplainedPositivePools.IsEmpty);
    }

    [Fact]
    public void Dorfman_individual_tests_all_negative_leave_the_pool_unexplained()
    {
        var design = PoolDesign.Dorfman(SampleSet.Numbered(4), 4);
        var results = Results(design, ("P1", 34), ("P1:S1", null), ("P1:S2", null), ("P1:S3", null), ("P1:S4", null));

        var decoding = PoolDecoder.Decode(results);

        Assert.Equal(["P1"], PoolIds(design, decoding.UnexplainedPositivePools));
        Assert.Equal(4, decoding.NegativeCount);
    }

    [Fact]
    public void Three_stage_asks_for_the_sub_pools_before_any_individual()
    {
        var design = PoolDesign.ThreeStage(SampleSet.Numbered(50), 25, 5, dilutionCap: 25);
        var results = Results(design, ("P1", 28), ("P2", null));

        var first = PoolDecoder.Decode(results);
        Assert.Equal(["P1.1", "P1.2", "P1.3", "P1.4", "P1.5"], PoolIds(design, first.NextPools));
        Assert.Equal(25, first.Retests.Length);

        foreach (var sub in new[] { "P1.1", "P1.2", "P1.4", "P1.5" }) results.Record(sub, null);
        results.Record("P1.3", 26);
        var second = PoolDecoder.Decode(results);
        Assert.Equal(["P1.3:S11", "P1.3:S12", "P1.3:S13", "P1.3:S14", "P1.3:S15"], PoolIds(design, second.NextPools));
        Assert.Equal(["S11", "S12", "S13", "S14", "S15"], Ids(design, second.Retests));

        foreach (var s in new[] { 11, 12, 14, 15 }) results.Record($"P1.3:S{s}", null);
        results.Record("P1.3:S13", 24);
        var third = PoolDecoder.Decode(results);
        Assert.Equal(["S13"], Ids(design, third.Positives(DecodingRule.DD)));
        Assert.True(third.NextPools.IsEmpty);
        Assert.True(third.Retests.IsEmpty);
        Assert.Equal(49, third.NegativeCount);
    }

    [Fact]
    public void An_array_with_a_master_pool_asks_for_rows_and_columns_only_when_the_master_is_positive()
    {
        var design = PoolDesign.Arrays(SampleSet.Numbered(32), 4, 4, master: true);
        var results = Results(design, ("A1-M", 31), ("A2-M", null));

        var decoding = PoolDecoder.Decode(results);

        // Every sample of array 1 is as likely as the next (31 − log2 16): the pools follow in design order.
        Assert.Equal(["A1-R1", "A1-R2", "A1-R3", "A1-R4", "A1-C1", "A1-C2", "A1-C3", "A1-C4"], PoolIds(design, decoding.NextPools));
        Assert.Equal(16, decoding.NegativeCount);
    }

    [Fact]
    public void A_pool_without_a_result_clears_none_of_its_samples()
    {
        var design = Array3x3();
        // Column 3 was not run: S3, S6 and S9 rest on their rows alone; row 1 is positive and column 3 untested.
        var results = Results(design, ("A1-R1", 30), ("A1-R2", null), ("A1-R3", null), ("A1-C1", null), ("A1-C2", null));

        var decoding = PoolDecoder.Decode(results);

        Assert.Equal(["S3"], Ids(design, decoding.Candidates));
        Assert.Equal(SampleCall.DefinitePositive, decoding.CallOf(2));
        Assert.Equal(["A1-C3"], PoolIds(design, decoding.NextPools));

        var onlyRows = Results(design, ("A1-R1", null), ("A1-R2", null));
        var partial = PoolDecoder.Decode(onlyRows);
        Assert.Equal(["S7", "S8", "S9"], Ids(design, partial.Retests));
    }

    [Fact]
    public void A_Ct_at_the_cut_off_is_negative_and_just_below_positive()
    {
        var design = PoolDesign.FromMemberships([("P1", "a"), ("P2", "b")]);
        var results = new PoolResults(design, ctCutoff: 40);
        results.Record("P1", 40);
        results.Record("P2", 39.99);

        var decoding = PoolDecoder.Decode(results);

        Assert.Equal(PoolOutcome.Negative, results.OutcomeOf(0));
        Assert.Equal(40, results.CtOf(0));
        Assert.Equal(SampleCall.Negative, decoding.CallOf(0));
        Assert.Equal(SampleCall.DefinitePositive, decoding.CallOf(1));
    }

    [Fact]
    public void Bad_results_are_refused_with_clear_messages()
    {
        var design = Array3x3();
        var results = new PoolResults(design);
        results.Record("A1-R1", 30);

        var unknown = Assert.Throws<DomainException>(() => results.Record("A1-R9", 30));
        Assert.Equal("unknown-pool", unknown.Code);
        Assert.Equal("There is a result for pool 'A1-R9', which the design does not have.", unknown.Message);
        Assert.Equal("duplicate-result", Assert.Throws<DomainException>(() => results.Record("A1-R1", null)).Code);
        Assert.Equal("invalid-ct", Assert.Throws<DomainException>(() => results.Record("A1-R2", -1)).Code);
        Assert.Equal("invalid-ct", Assert.Throws<DomainException>(() => results.Record("A1-R2", double.NaN)).Code);
        Assert.Equal("invalid-ct-cutoff", Assert.Throws<DomainException>(() => new PoolResults(design, 0)).Code);
        Assert.Equal("invalid-ct-spread", Assert.Throws<DomainException>(() => PoolDecoder.Decode(results, new DecodeOptions { MaxCtSpread = -1 })).Code);
        Assert.Throws<ArgumentException>(() => PoolDecoder.Decode(results, new PoolDecoding(Array3x3())));
    }

    [Fact]
    public void Decoding_again_into_the_same_buffers_gives_what_a_fresh_decoding_gives()
    {
        var design = Array3x3();
        var reused = new PoolDecoding(design);
        var first = Results(design, ("A1-R1", 30), ("A1-R2", 31), ("A1-R3", null), ("A1-C1", 29), ("A1-C2", 32), ("A1-C3", null));
        var second = Results(design, ("A1-R1", null), ("A1-R2", 31), ("A1-R3", null), ("A1-C1", null), ("A1-C2", 32), ("A1-C3", null));

        PoolDecoder.Decode(first, reused);
        PoolDecoder.Decode(second, reused);
        var fresh = PoolDecoder.Decode(second);

        Assert.Equal(fresh.Calls.ToArray(), reused.Calls.ToArray());
        Assert.Equal(fresh.Retests.ToArray(), reused.Retests.ToArray());
        Assert.Equal(fresh.Positives(DecodingRule.Scomp), reused.Positives(DecodingRule.Scomp));
        Assert.Equal(["S5"], Ids(design, reused.Candidates));
    }

    [Fact]
    public void Decoding_again_allocates_nothing()
    {
        var design = PoolDesign.Arrays(SampleSet.Numbered(960), 8, 12);
        var results = new PoolResults(design);
        for (var p = 0; p < design.PoolCount; p++) results.Record(p, p % 7 == 0 ? 30 + p % 5 : null);
        var decoding = new PoolDecoding(design);
        PoolDecoder.Decode(results, decoding);

        var before = GC.GetAllocatedBytesForCurrentThread();
        PoolDecoder.Decode(results, decoding);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(decoding.Candidates.Length > 0);
        Assert.Equal(0, allocated);
    }
}
