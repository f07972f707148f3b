using Lims.Domain.Common;
using Lims.Domain.Pools.Designs;

namespace Lims.Domain.Tests.Pools.Designs;

/// <summary>Steiner triple systems and Reed–Solomon designs: each sample in w pools, any two sharing at most λ.</summary>
public sealed class NonAdaptiveDesignTests
{
    [Theory]
    [InlineData(7)]
    [InlineData(9)]
    [InlineData(13)]
    [InlineData(15)]
    [InlineData(19)]
    [InlineData(21)]
    [InlineData(25)]
    [InlineData(27)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(39)]
    [InlineData(43)]
    public void Every_pair_of_points_lies_in_exactly_one_triple(int v)
    {
        var triples = SteinerTripleSystem.Triples(v);

        Assert.Equal(v * (v - 1) / 6, triples.Length);
        var pairs = new int[v, v];
        foreach (var t in triples)
        {
            Assert.Equal(3, t.Distinct().Count());
            Assert.All(t, p => Assert.InRange(p, 0, v - 1));
            pairs[t[0], t[1]]++;
            pairs[t[0], t[2]]++;
            pairs[t[1], t[2]]++;
        }
        for (var a = 0; a < v; a++)
            for (var b = a + 1; b < v; b++)
                Assert.True(pairs[a, b] == 1, $"STS({v}): the pair {a},{b} is in {pairs[a, b]} triples.");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(11)]
    [InlineData(17)]
    public void There_is_no_Steiner_triple_system_of_other_orders(int v) =>
        Assert.Equal("invalid-steiner-order", Assert.Throws<DomainException>(() => SteinerTripleSystem.Triples(v)).Code);

    [Theory]
    [InlineData(7, 7)]
    [InlineData(15, 35)]
    [InlineData(31, 155)]
    [InlineData(39, 247)]
    [InlineData(39, 100)]
    public void A_Steiner_design_puts_each_sample_in_3_pools_and_two_samples_share_at_most_one(int v, int samples)
    {
        var design = PoolDesign.SteinerTriples(SampleSet.Numbered(samples), v);

        Assert.Equal(DesignKind.SteinerTriple, design.Kind);
        Assert.Equal(1, design.StageCount);
        Assert.All(Enumerable.Range(0, samples), s => Assert.Equal(3, design.PoolsOf(s).Length));
        Assert.Equal(1, PoolDesignTests.MaxShared(design));
        Assert.True(design.PoolCount <= v);
        Assert.All(Enumerable.Range(0, design.PoolCount), p => Assert.InRange(design.SamplesOf(p).Length, 1, (v - 1) / 2));
        if (samples == v * (v - 1) / 6)
            Assert.All(Enumerable.Range(0, design.PoolCount), p => Assert.Equal((v - 1) / 2, design.SamplesOf(p).Length));
    }

    [Fact]
    public void A_Steiner_design_whose_pools_exceed_the_cap_or_that_has_too_few_triples_is_refused()
    {
        // STS(43): 21 samples per point pool.
        Assert.Equal("dilution-cap-exceeded", Assert.Throws<DomainException>(() => PoolDesign.SteinerTriples(SampleSet.Numbered(301), 43)).Code);
        Assert.Equal("too-many-samples", Assert.Throws<DomainException>(() => PoolDesign.SteinerTriples(SampleSet.Numbered(8), 7)).Code);
    }

    [Theory]
    [InlineData(7, 1, 3, 49)]
    [InlineData(11, 1, 4, 121)]
    [InlineData(13, 1, 6, 100)]
    [InlineData(5, 2, 4, 125)]
    [InlineData(3, 2, 3, 27)]
    public void A_Reed_Solomon_design_puts_each_sample_in_w_pools_and_two_share_at_most_the_degree(int q, int degree, int weight, int samples)
    {
        var design = PoolDesign.ReedSolomon(SampleSet.Numbered(samples), q, degree, weight, dilutionCap: 25);

        Assert.Equal(DesignKind.ReedSolomon, design.Kind);
        Assert.All(Enumerable.Range(0, samples), s => Assert.Equal(weight, design.PoolsOf(s).Length));
        Assert.True(PoolDesignTests.MaxShared(design) <= degree);
        Assert.True(design.PoolCount <= weight * q);
        // Every evaluation point splits the samples: each sample in exactly one pool per point.
        Assert.Equal(weight * samples, Enumerable.Range(0, design.PoolCount).Sum(p => design.SamplesOf(p).Length));
    }

    [Fact]
    public void Reed_Solomon_pools_are_named_by_point_and_value_and_agree_with_the_polynomial()
    {
        var design = PoolDesign.ReedSolomon(SampleSet.Numbered(49), 7, 1, 3);

        // Sample 23 is 2 + 3x: 2 at x = 0, 5 at x = 1, 1 at x = 2 (mod 7).
        Assert.Equal(["E0=2", "E1=5", "E2=1"], design.PoolsOf(23).ToArray().Select(p => design.PoolIds[p]));
        Assert.Equal(7, design.SamplesOf(0).Length);
        // Two lines meet at most once: the full design reaches λ = 1.
        Assert.Equal(1, PoolDesignTests.MaxShared(design));
    }

    [Theory]
    [InlineData(9, 1, 3, "invalid-field")]
    [InlineData(1, 1, 1, "invalid-field")]
    [InlineData(7, 0, 3, "pool-size-too-small")]
    [InlineData(7, 2, 2, "invalid-weight")]
    [InlineData(7, 1, 8, "invalid-weight")]
    public void Reed_Solomon_parameters_that_make_no_design_are_refused(int q, int degree, int weight, string code) =>
        Assert.Equal(code, Assert.Throws<DomainException>(() => PoolDesign.ReedSolomon(SampleSet.Numbered(10), q, degree, weight)).Code);

    [Fact]
    public void Reed_Solomon_refuses_more_samples_than_polynomials_and_pools_over_the_cap()
    {
        Assert.Equal("too-many-samples", Assert.Throws<DomainException>(() => PoolDesign.ReedSolomon(SampleSet.Numbered(50), 7, 1, 3)).Code);
        // GF(5), degree 2: 25 polynomials agree at each (x, y).
        Assert.Equal("dilution-cap-exceeded", Assert.Throws<DomainException>(() => PoolDesign.ReedSolomon(SampleSet.Numbered(125), 5, 2, 3)).Code);
    }
}
