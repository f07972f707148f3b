using Lims.Domain.Common;
using Lims.Domain.Pools.Decoding;
using Lims.Domain.Pools.Designs;

namespace Lims.Domain.Tests.Pools.Decoding;

/// <summary>The decoding by ids that the CLI prints and the API answers.</summary>
public sealed class PoolDecodeReportTests
{
    [Fact]
    public void Lists_are_sorted_by_ordinal_id_and_retests_by_estimated_Ct_then_id()
    {
        // Given order Z, b, A, a: the lists come out as A, Z, a, b.
        var design = PoolDesign.Dorfman(SampleSet.Of(["Z", "b", "A", "a", "q", "r"]), 4);
        var results = new PoolResults(design);
        results.Record("P1", 30);
        results.Record("P2", 33);

        var report = PoolDecodeReport.Create(PoolDecoder.Decode(results));

        Assert.Equal(["A", "Z", "a", "b", "q", "r"], report.PossiblePositives);
        Assert.Empty(report.Negatives);
        // P1 (Z, b, A, a) is stronger than P2 (q, r); within P1 the estimates tie and the design order decides.
        Assert.Equal(["Z", "b", "A", "a", "q", "r"], report.Retests);
        Assert.Equal(["P1:A", "P1:Z", "P1:a", "P1:b", "P2:q", "P2:r"], report.UntestedPools);
    }

    [Fact]
    public void Decoding_memberships_by_id_gives_every_sample_one_call()
    {
        var report = PoolDecodeReport.Decode(
            [("R1", "s1"), ("R1", "s2"), ("R2", "s3"), ("R2", "s4"), ("C1", "s1"), ("C1", "s3"), ("C2", "s2"), ("C2", "s4")],
            [("R1", 31), ("R2", null), ("C1", 30.5), ("C2", null)]);

        Assert.Equal(["s1"], report.DefinitePositives);
        Assert.Empty(report.PossiblePositives);
        Assert.Equal(["s2", "s3", "s4"], report.Negatives);
        Assert.Empty(report.Retests);
        Assert.Empty(report.Flags);
    }

    [Fact]
    public void Flags_name_the_pool_or_sample_and_say_why()
    {
        var report = PoolDecodeReport.Decode(
            [("P1", "a"), ("P1", "b"), ("P2", "a"), ("P2", "c"), ("N", "b"), ("N", "c"), ("P3", "d"), ("P3", "e"), ("P3", "f"), ("P3", "g")],
            [("P1", 24), ("P2", 33), ("N", null), ("P3", 41)]);

        Assert.Equal(["a"], report.DefinitePositives);
        Assert.Equal(
            [("pool", "P3", "late-negative"), ("sample", "a", "ct-spread")],
            report.Flags.Select(f => (f.Kind, f.Id, f.Flag)));
        Assert.Contains("differ by 9 cycles", report.Flags[1].Detail, StringComparison.Ordinal);
        Assert.Contains("log2 of 4 swabs", report.Flags[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_result_for_a_pool_the_design_lacks_is_refused()
    {
        var e = Assert.Throws<DomainException>(() => PoolDecodeReport.Decode([("P1", "a")], [("P2", 30)]));

        Assert.Equal("unknown-pool", e.Code);
    }
}
