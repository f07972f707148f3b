using Lims.Domain.Common;
using Lims.Domain.Pools.Designs;

namespace Lims.Domain.Tests.Pools.Designs;

public sealed class PoolDesignTests
{
    [Fact]
    public void Dorfman_pools_consecutive_samples_by_k_and_tests_each_member_alone_in_stage_two()
    {
        var design = PoolDesign.Dorfman(SampleSet.Numbered(25), 10);

        Assert.Equal(DesignKind.Dorfman, design.Kind);
        Assert.Equal(2, design.StageCount);
        Assert.Equal(3 + 25, design.PoolCount);
        var first = Enumerable.Range(0, design.PoolCount).Where(p => design.StageOf(p) == 1).ToArray();
        Assert.Equal(["P1", "P2", "P3"], first.Select(p => design.PoolIds[p]));
        Assert.Equal([10, 10, 5], first.Select(p => design.SamplesOf(p).Length));
        Assert.Equal(["S21", "S22", "S23", "S24", "S25"], design.SamplesOf(first[2]).ToArray().Select(s => design.SampleIds[s]));
        // Depth first: each pool, then its members' individual tests.
        Assert.Equal(["P1", "P1:S01", "P1:S02"], Pools(design).Take(3));
        Assert.Equal([0, 11, 22], first);
        Assert.Equal("P3:S25", design.PoolIds[27]);
        Assert.All(Enumerable.Range(0, 25), s => Assert.Equal(2, design.PoolsOf(s).Length));
        Assert.Equal(["P2", "P2:S14"], design.PoolsOf(13).ToArray().Select(p => design.PoolIds[p]));
        Assert.Equal([1, 2], design.PoolsOf(13).ToArray().Select(design.StageOf));
        Assert.Equal([13], design.SamplesOf(design.PoolIds.IndexOf("P2:S14")).ToArray());
    }

    [Fact]
    public void A_last_Dorfman_pool_of_one_sample_is_already_its_individual_test()
    {
        var design = PoolDesign.Dorfman(SampleSet.Numbered(21), 10);

        Assert.Equal(3 + 20, design.PoolCount);
        var last = design.PoolIds.IndexOf("P3");
        Assert.Equal([20], design.SamplesOf(last).ToArray());
        Assert.Equal([last], design.PoolsOf(20).ToArray());
        Assert.Equal(-1, design.PoolIds.IndexOf("P3:S21"));
    }

    [Fact]
    public void Three_stage_splits_a_positive_pool_into_sub_pools_then_individuals()
    {
        var design = PoolDesign.ThreeStage(SampleSet.Numbered(25), 25, 5, dilutionCap: 25);

        Assert.Equal(3, design.StageCount);
        Assert.Equal(1 + 5 + 25, design.PoolCount);
        Assert.Equal(["P1", "P1.1", "P1.1:S01", "P1.1:S02", "P1.1:S03", "P1.1:S04", "P1.1:S05", "P1.2"], Pools(design).Take(8));
        Assert.Equal([1, 2, 3, 3, 3, 3, 3, 2], Enumerable.Range(0, 8).Select(design.StageOf));
        Assert.Equal([10, 11, 12, 13, 14], design.SamplesOf(design.PoolIds.IndexOf("P1.3")).ToArray());
        Assert.All(Enumerable.Range(0, 25), s => Assert.Equal(3, design.PoolsOf(s).Length));
        Assert.Equal(["P1", "P1.3", "P1.3:S12"], design.PoolsOf(11).ToArray().Select(p => design.PoolIds[p]));
    }

    [Fact]
    public void Three_stage_25_5_1_exceeds_the_default_dilution_cap_of_20()
    {
        var e = Assert.Throws<DomainException>(() => PoolDesign.ThreeStage(SampleSet.Numbered(25), 25, 5));

        Assert.Equal("dilution-cap-exceeded", e.Code);
        Assert.Contains("20", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_8_by_12_plate_array_has_a_pool_per_row_and_per_column_and_each_sample_in_both()
    {
        var design = PoolDesign.Arrays(SampleSet.Numbered(96), 8, 12);

        Assert.Equal(DesignKind.Array, design.Kind);
        Assert.Equal(1, design.StageCount);
        Assert.Equal(20, design.PoolCount);
        Assert.Equal(["A1-R1", "A1-R8", "A1-C1", "A1-C12"], new[] { 0, 7, 8, 19 }.Select(p => design.PoolIds[p]));
        Assert.All(Enumerable.Range(0, 8), p => Assert.Equal(12, design.SamplesOf(p).Length));
        Assert.All(Enumerable.Range(8, 12), p => Assert.Equal(8, design.SamplesOf(p).Length));
        Assert.Equal([0, 12, 24, 36, 48, 60, 72, 84], design.SamplesOf(8).ToArray());
        Assert.All(Enumerable.Range(0, 96), s => Assert.Equal(2, design.PoolsOf(s).Length));
        Assert.Equal(1, MaxShared(design));
        // Sample 13 is row B, column 2 of the plate.
        Assert.Equal([1, 9], design.PoolsOf(13).ToArray());
    }

    [Fact]
    public void A_master_pool_is_tested_first_and_rows_and_columns_after()
    {
        var design = PoolDesign.Arrays(SampleSet.Numbered(32), 4, 4, master: true);

        Assert.Equal(DesignKind.ArrayWithMaster, design.Kind);
        Assert.Equal(2 * 9, design.PoolCount);
        Assert.Equal(["A1-M", "A1-R1", "A1-C4", "A2-M"], new[] { 0, 1, 8, 9 }.Select(p => design.PoolIds[p]));
        Assert.Equal(16, design.SamplesOf(0).Length);
        Assert.Equal(16, design.SwabsIn(0));
        Assert.Equal([1, 2, 2, 2, 2, 2, 2, 2, 2], Enumerable.Range(0, 9).Select(design.StageOf));
        Assert.All(Enumerable.Range(0, 32), s => Assert.Equal(3, design.PoolsOf(s).Length));
    }

    [Fact]
    public void The_master_pool_of_a_plate_would_dilute_96_swabs_and_is_refused()
    {
        var e = Assert.Throws<DomainException>(() => PoolDesign.Arrays(SampleSet.Numbered(96), 8, 12, master: true));

        Assert.Equal("dilution-cap-exceeded", e.Code);
        Assert.Contains("96 swabs", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_partial_last_array_leaves_out_its_empty_rows_and_columns()
    {
        var design = PoolDesign.Arrays(SampleSet.Numbered(100), 8, 12);

        Assert.Equal(20 + 1 + 4, design.PoolCount);
        Assert.Equal(["A2-R1", "A2-C1", "A2-C4"], new[] { 20, 21, 24 }.Select(p => design.PoolIds[p]));
        Assert.Equal([96, 97, 98, 99], design.SamplesOf(20).ToArray());
        Assert.Equal([99], design.SamplesOf(24).ToArray());
    }

    [Theory]
    [InlineData("dorfman", 1)]
    [InlineData("dorfman", 0)]
    [InlineData("three-stage", 1)]
    [InlineData("array-rows", 1)]
    [InlineData("array-columns", 1)]
    public void A_generated_pool_of_fewer_than_two_samples_is_refused(string kind, int size)
    {
        var samples = SampleSet.Numbered(20);
        var e = Assert.Throws<DomainException>(() => kind switch
        {
            "dorfman" => PoolDesign.Dorfman(samples, size),
            "three-stage" => PoolDesign.ThreeStage(samples, 10, size),
            "array-rows" => PoolDesign.Arrays(samples, size, 5),
            _ => PoolDesign.Arrays(samples, 5, size),
        });

        Assert.Equal("pool-size-too-small", e.Code);
    }

    [Fact]
    public void Generated_pools_beyond_the_dilution_cap_are_refused_and_a_lab_may_set_its_own_cap()
    {
        Assert.Equal("dilution-cap-exceeded", Assert.Throws<DomainException>(() => PoolDesign.Dorfman(SampleSet.Numbered(100), 21)).Code);
        Assert.Equal("dilution-cap-exceeded", Assert.Throws<DomainException>(() => PoolDesign.Dorfman(SampleSet.Numbered(100), 10, dilutionCap: 8)).Code);
        Assert.Equal("invalid-stages", Assert.Throws<DomainException>(() => PoolDesign.ThreeStage(SampleSet.Numbered(100), 10, 10)).Code);
        Assert.Equal(10, PoolDesign.Dorfman(SampleSet.Numbered(100), 10, dilutionCap: 10).SamplesOf(0).Length);
    }

    [Fact]
    public void A_pooled_collection_tube_is_never_pooled_again_but_may_be_tested_alone()
    {
        var tubes = SampleSet.Tubes([("T1", 10), ("T2", 1), ("T3", 1)]);

        var e = Assert.Throws<DomainException>(() => PoolDesign.Dorfman(tubes, 3));
        Assert.Equal("pooled-tube-pooled-again", e.Code);
        Assert.Contains("'T1'", e.Message, StringComparison.Ordinal);

        var alone = PoolDesign.FromMemberships([("X", "T1"), ("Y", "T2"), ("Y", "T3")], swabs: new Dictionary<string, int> { ["T1"] = 10 });
        Assert.Equal(10, alone.SwabsIn(alone.PoolIds.IndexOf("X")));
        Assert.Equal(2, alone.SwabsIn(alone.PoolIds.IndexOf("Y")));

        var tooMany = Assert.Throws<DomainException>(() => PoolDesign.FromMemberships([("X", "T1")], swabs: new Dictionary<string, int> { ["T1"] = 25 }));
        Assert.Equal("dilution-cap-exceeded", tooMany.Code);
    }

    [Fact]
    public void A_membership_list_is_indexed_in_ordinal_order_whatever_the_row_order()
    {
        (string, string)[] rows = [("R2", "b"), ("C1", "a"), ("R1", "a"), ("C1", "b"), ("R1", "B"), ("C2", "B")];

        var one = PoolDesign.FromMemberships(rows);
        var other = PoolDesign.FromMemberships(rows.Reverse());

        Assert.Equal(["B", "a", "b"], one.SampleIds);
        Assert.Equal(["C1", "C2", "R1", "R2"], one.PoolIds);
        Assert.Equal(DesignKind.Membership, one.Kind);
        Assert.Equal(one.SampleIds, other.SampleIds);
        Assert.Equal(one.PoolIds, other.PoolIds);
        Assert.All(Enumerable.Range(0, 3), s => Assert.Equal(one.PoolsOf(s).ToArray(), other.PoolsOf(s).ToArray()));
        Assert.Equal([1, 2], one.SamplesOf(0).ToArray());
    }

    [Fact]
    public void A_membership_given_twice_is_refused()
    {
        var e = Assert.Throws<DomainException>(() => PoolDesign.FromMemberships([("P1", "S1"), ("P1", "S2"), ("P1", "S1")]));

        Assert.Equal("duplicate-membership", e.Code);
        Assert.Equal("Sample 'S1' is in pool 'P1' twice.", e.Message);
    }

    [Fact]
    public void A_sample_declared_without_a_pool_is_refused_as_a_sample_in_no_pool()
    {
        var e = Assert.Throws<DomainException>(() => PoolDesign.FromMemberships([("P1", "S1"), ("", "S2"), ("P1", "S3")]));

        Assert.Equal("sample-in-no-pool", e.Code);
        Assert.Contains("'S2'", e.Message, StringComparison.Ordinal);
        Assert.Equal("sample-in-no-pool", Assert.Throws<DomainException>(() => PoolDesign.FromMemberships([(" ", "S1")])).Code);
        // Declared and pooled elsewhere: fine.
        Assert.Equal(2, PoolDesign.FromMemberships([("", "S1"), ("P1", "S1"), ("P1", "S2")]).SampleCount);
    }

    [Fact]
    public void A_membership_list_over_the_dilution_cap_is_refused()
    {
        var rows = Enumerable.Range(1, 21).Select(i => ("P1", $"S{i}"));

        Assert.Equal("dilution-cap-exceeded", Assert.Throws<DomainException>(() => PoolDesign.FromMemberships(rows)).Code);
        Assert.Equal(21, PoolDesign.FromMemberships(rows, dilutionCap: 24).SamplesOf(0).Length);
        Assert.Equal("empty-design", Assert.Throws<DomainException>(() => PoolDesign.FromMemberships([])).Code);
        Assert.Equal("invalid-id", Assert.Throws<DomainException>(() => PoolDesign.FromMemberships([("P1", "")])).Code);
    }

    [Fact]
    public void Generated_ids_are_as_given_and_numbered_ids_sort_in_index_order()
    {
        var given = PoolDesign.Dorfman(SampleSet.Of(["TB9", "TB1", "TB5"]), 2);
        var numbered = SampleSet.Numbered(1000);

        Assert.Equal(["TB9", "TB1", "TB5"], given.SampleIds);
        Assert.Equal(["P1", "P1:TB9", "P1:TB1", "P2"], given.PoolIds);
        Assert.Equal(numbered.Ids.Order(StringComparer.Ordinal), numbered.Ids);
        Assert.Equal("S0001", numbered.Ids[0]);
        Assert.Equal(999, numbered.Ids.IndexOf("S1000"));
        Assert.Equal("duplicate-id", Assert.Throws<DomainException>(() => SampleSet.Of(["A", "B", "A"])).Code);
    }

    private static IEnumerable<string> Pools(PoolDesign design) => design.PoolIds;

    internal static int MaxShared(PoolDesign design)
    {
        var max = 0;
        for (var a = 0; a < design.SampleCount; a++)
            for (var b = a + 1; b < design.SampleCount; b++)
                max = Math.Max(max, design.SharedPools(a, b));
        return max;
    }
}
