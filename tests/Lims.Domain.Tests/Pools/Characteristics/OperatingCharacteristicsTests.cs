using Lims.Domain.Common;
using Lims.Domain.Pools.Characteristics;

namespace Lims.Domain.Tests.Pools.Characteristics;

/// <summary>Operating characteristics against published figures, binGroup2's formulas, closed forms and limits.</summary>
public sealed class OperatingCharacteristicsTests
{
    private static OperatingCharacteristics Evaluate(PoolingScheme design, double p, double se, double sp) =>
        PoolingCharacteristics.Evaluate(design, p, TestAccuracy.Of(se, sp));

    private static OperatingCharacteristics Evaluate(PoolingScheme design, double p, double[] se, double[] sp) =>
        PoolingCharacteristics.Evaluate(design, p, TestAccuracy.PerStage(se, sp));

    private static void AssertMeasures(OperatingCharacteristics actual, double tests, double perIndividual, double pse, double psp, double ppv, double npv, double tolerance)
    {
        Assert.Equal(tests, actual.ExpectedTests, tolerance);
        Assert.Equal(perIndividual, actual.ExpectedTestsPerIndividual, tolerance);
        Assert.Equal(pse, actual.Pse, tolerance);
        Assert.Equal(psp, actual.Psp, tolerance);
        Assert.Equal(ppv, actual.Ppv, tolerance);
        Assert.Equal(npv, actual.Npv, tolerance);
    }

    // binGroup2 1.3.3 vignette "Identification-through-group-testing": summary(opChar1(algorithm = "D2", p = 0.01,
    // Se = 0.99, Sp = 0.99, hier.config = GroupMembershipMatrix(stage1 = 10))) and Config(OTC1(..., group.sz = 3:20)),
    // printed to 4 decimals: I, ET, value, PSe, PSp, PPPV, PNPV.
    [Theory]
    [InlineData(10, 2.0371, 0.2037, 0.9801, 0.9991, 0.9127, 0.9998)]
    [InlineData(11, 2.2383, 0.2035, 0.9801, 0.9990, 0.9052, 0.9998)]
    [InlineData(12, 2.4561, 0.2047, 0.9801, 0.9989, 0.8979, 0.9998)]
    [InlineData(9, 1.8528, 0.2059, 0.9801, 0.9991, 0.9203, 0.9998)]
    [InlineData(13, 2.6904, 0.2070, 0.9801, 0.9988, 0.8908, 0.9998)]
    public void Dorfman_matches_the_figures_printed_in_the_binGroup2_vignette(int k, double tests, double perIndividual, double pse, double psp, double ppv, double npv) =>
        AssertMeasures(Evaluate(PoolingScheme.Dorfman(k), 0.01, 0.99, 0.99), tests, perIndividual, pse, psp, ppv, npv, tolerance: 0.00005);

    // The figures below are binGroup2's (bdhitt/binGroup2 at 3329145, the 1.3.x sources: hierarchical.desc2 with
    // Exp.T.3step / ProbY.0 / ProbY.1, Array.Measures with rc.pos, MasterPool.Array.Measures), transcribed term by term
    // and evaluated in double precision for the examples of the opChar1 help page and a few more; the transcription
    // reproduces the vignette's D2 figures above. Asserted far tighter than the 1e-6 we promise.
    [Fact]
    public void Dorfman_matches_binGroup2_for_the_opChar1_help_example()
    {
        // opChar1(algorithm = "D2", p = 0.05, Se = 0.99, Sp = 0.99, hier.config = 2 x 10)
        AssertMeasures(Evaluate(PoolingScheme.Dorfman(10), 0.05, 0.99, 0.99),
            5.032377995464, 0.503237799546, 0.9801, 0.996276444215, 0.932675715671, 0.998949821103, 1e-11);
    }

    [Fact]
    public void Three_stage_matches_binGroup2_with_stage_specific_accuracy()
    {
        // opChar1(algorithm = "D3", p = 0.02, Se = c(0.95, 0.95, 0.99), Sp = c(0.96, 0.96, 0.98), hier.config: 25 → 5 x 5 → 1)
        AssertMeasures(Evaluate(PoolingScheme.ThreeStage(25, 5), 0.02, [0.95, 0.95, 0.99], [0.96, 0.96, 0.98]),
            5.481594354567, 0.219263774183, 0.893475, 0.998346033571, 0.916836587610, 0.997827150319, 1e-11);
        // opChar1(algorithm = "D3", p = 0.01, Se = 0.99, Sp = 0.99, hier.config: 20 → 5 x 4 → 1)
        AssertMeasures(Evaluate(PoolingScheme.ThreeStage(20, 4), 0.01, 0.99, 0.99),
            2.744541267965, 0.137227063398, 0.970299, 0.999693805423, 0.969705285227, 0.999699988044, 1e-11);
    }

    [Fact]
    public void Array_without_master_pool_matches_binGroup2()
    {
        // opChar1(algorithm = "A2", p = 0.005, Se = c(0.95, 0.99), Sp = c(0.95, 0.99), rowcol.sz = 8): the help page's example
        AssertMeasures(Evaluate(PoolingScheme.Array(8), 0.005, [0.95, 0.99], [0.95, 0.99]),
            19.964321882922, 0.311942529421, 0.943831563593, 0.999425369816, 0.891936073538, 0.999717664002, 1e-11);
        // opChar1(algorithm = "A2", p = 0.02, Se = 0.99, Sp = 0.99, rowcol.sz = 10)
        AssertMeasures(Evaluate(PoolingScheme.Array(10), 0.02, 0.99, 0.99),
            25.195382610670, 0.251953826107, 0.973265149874, 0.999670490777, 0.983681250479, 0.999454508694, 1e-11);
    }

    [Fact]
    public void Array_with_master_pool_matches_binGroup2()
    {
        // opChar1(algorithm = "A2M", p = 0.02, Se = c(0.95, 0.95, 0.99), Sp = c(0.98, 0.98, 0.99), rowcol.sz = 5): the help page's example
        AssertMeasures(Evaluate(PoolingScheme.ArrayMaster(5), 0.02, [0.95, 0.95, 0.99], [0.98, 0.98, 0.99]),
            5.672487564014, 0.226899502561, 0.905022896148, 0.999866274580, 0.992811844963, 0.998065183295, 1e-11);
        // opChar1(algorithm = "A2M", p = 0.01, Se = 0.99, Sp = 0.99, rowcol.sz = 4)
        AssertMeasures(Evaluate(PoolingScheme.ArrayMaster(4), 0.01, 0.99, 0.99),
            2.436205878296, 0.152262867393, 0.977307040524, 0.999978733465, 0.997850357130, 0.999770825845, 1e-11);
    }

    [Fact]
    public void A_master_pool_with_its_own_specificity_differs_from_binGroup2_only_in_pooling_specificity()
    {
        // binGroup2's mu.y() takes the row/column specificity for the master pool's false positives. For
        // opChar1(algorithm = "A2M", p = 0.05, Se = c(0.95, 0.95, 0.99), Sp = c(0.90, 0.98, 0.99), rowcol.sz = 3) its
        // transcription gives E[T] 4.081061669844 and PSe 0.912954260613 (as here) but PSp 0.999789271417 and
        // PPV 0.995633559422; the enumeration of the model (ExhaustiveEnumerationTests) gives the values below.
        var result = Evaluate(PoolingScheme.ArrayMaster(3), 0.05, [0.95, 0.95, 0.99], [0.90, 0.98, 0.99]);

        Assert.Equal(4.081061669844, result.ExpectedTests, 1e-11);
        Assert.Equal(0.912954260613, result.Pse, 1e-11);
        Assert.Equal(0.999789059123, result.Psp, 1e-11);
        Assert.Equal(0.995629179761, result.Ppv, 1e-11);
        Assert.NotEqual(0.995633559422, result.Ppv, 1e-6);
    }

    [Theory]
    [InlineData(0.001)]
    [InlineData(0.01)]
    [InlineData(0.1)]
    [InlineData(0.3)]
    public void Perfect_tests_give_the_textbook_closed_forms(double p)
    {
        var q = 1 - p;
        foreach (var k in new[] { 2, 5, 10, 20, 50 })
        {
            var dorfman = Evaluate(PoolingScheme.Dorfman(k), p, 1, 1);
            Assert.Equal(1.0 / k + 1 - Math.Pow(q, k), dorfman.ExpectedTestsPerIndividual, 1e-12);
            AssertPerfect(dorfman);
        }

        // 1 pool, s1/s2 sub-pools when it is positive, s2 individuals per positive sub-pool.
        foreach (var (s1, s2) in new[] { (25, 5), (20, 4), (12, 6), (100, 10) })
        {
            var threeStage = Evaluate(PoolingScheme.ThreeStage(s1, s2), p, 1, 1);
            Assert.Equal(1 + s1 / s2 * (1 - Math.Pow(q, s1)) + s1 * (1 - Math.Pow(q, s2)), threeStage.ExpectedTests, 1e-10);
            AssertPerfect(threeStage);
        }

        // With perfect tests a person is tested alone exactly when their row and column are both positive.
        foreach (var n in new[] { 2, 3, 8, 10, 12 })
        {
            var both = 1 - 2 * Math.Pow(q, n) + Math.Pow(q, 2 * n - 1);
            var array = Evaluate(PoolingScheme.Array(n), p, 1, 1);
            Assert.Equal(2.0 / n + both, array.ExpectedTestsPerIndividual, 1e-12);
            AssertPerfect(array);
            var master = Evaluate(PoolingScheme.ArrayMaster(n), p, 1, 1);
            Assert.Equal(1 + (1 - Math.Pow(q, n * n)) * 2 * n + n * n * both, master.ExpectedTests, 1e-9);
            AssertPerfect(master);
        }

        static void AssertPerfect(OperatingCharacteristics r)
        {
            Assert.Equal(1, r.Pse, 1e-12);
            Assert.Equal(1, r.Psp, 1e-12);
            Assert.Equal(1, r.Ppv, 1e-12);
            Assert.Equal(1, r.Npv, 1e-12);
        }
    }

    [Fact]
    public void As_prevalence_vanishes_only_the_pools_and_their_false_positives_remain()
    {
        const double p = 1e-10;
        const double se = 0.97, sp = 0.95;
        foreach (var k in new[] { 2, 10, 20 })
            Assert.Equal(1.0 / k + (1 - sp), Evaluate(PoolingScheme.Dorfman(k), p, se, sp).ExpectedTestsPerIndividual, 1e-7);
        // Three-stage: the pool, a false-positive pool's sub-pools, their false positives' members.
        Assert.Equal((1 + 5 * (1 - sp) + 25 * (1 - sp) * (1 - sp)) / 25, Evaluate(PoolingScheme.ThreeStage(25, 5), p, se, sp).ExpectedTestsPerIndividual, 1e-7);
        // Array: the lines, and a person tested because of false-positive lines.
        foreach (var n in new[] { 2, 8, 12 })
        {
            var falseLines = (1 - sp) * (1 - sp) + 2 * (1 - sp) * Math.Pow(sp, n);
            Assert.Equal(2.0 / n + falseLines, Evaluate(PoolingScheme.Array(n), p, se, sp).ExpectedTestsPerIndividual, 1e-7);
            Assert.Equal(1.0 / (n * n) + (1 - sp) * (2.0 / n + falseLines), Evaluate(PoolingScheme.ArrayMaster(n), p, se, sp).ExpectedTestsPerIndividual, 1e-7);
        }
    }

    public static TheoryData<PoolingScheme> Designs => new()
    {
        PoolingScheme.Dorfman(2), PoolingScheme.Dorfman(10), PoolingScheme.Dorfman(30),
        PoolingScheme.ThreeStage(4, 2), PoolingScheme.ThreeStage(25, 5), PoolingScheme.ThreeStage(60, 12),
        PoolingScheme.Array(2), PoolingScheme.Array(8), PoolingScheme.Array(24),
        PoolingScheme.ArrayMaster(2), PoolingScheme.ArrayMaster(5), PoolingScheme.ArrayMaster(16),
    };

    [Theory]
    [MemberData(nameof(Designs))]
    public void Pooling_never_sees_more_than_the_assay_and_every_measure_is_a_probability(PoolingScheme design)
    {
        foreach (var p in new[] { 0.0005, 0.01, 0.05, 0.2, 0.6 })
        {
            foreach (var (se, sp) in new[] { (0.99, 0.99), (0.9, 0.98), (0.7, 0.6), (1.0, 0.95) })
            {
                var r = Evaluate(design, p, se, sp);
                // Every positive person is found only through positive tests at each stage, the last one alone: PSe ≤ Se of that test.
                Assert.True(r.Pse <= se + 1e-15, $"{design} p={p}: PSe {r.Pse} > Se {se}");
                // A negative person is called positive only by a false-positive individual test.
                Assert.True(r.Psp >= sp - 1e-15, $"{design} p={p}: PSp {r.Psp} < Sp {sp}");
                Assert.All([r.Pse, r.Psp, r.Ppv, r.Npv], v => Assert.InRange(v, 0, 1));
                Assert.InRange(r.ExpectedTests, 1, 1 + 2 * design.Size + design.Individuals);
                Assert.Equal(r.ExpectedTests / design.Individuals, r.ExpectedTestsPerIndividual, 1e-15);
            }
        }
    }

    [Fact]
    public void More_prevalence_costs_more_tests_for_a_useful_assay()
    {
        foreach (var design in new[] { PoolingScheme.Dorfman(10), PoolingScheme.ThreeStage(24, 6), PoolingScheme.Array(10), PoolingScheme.ArrayMaster(4) })
        {
            var previous = 0.0;
            for (var p = 0.001; p < 0.5; p += 0.01)
            {
                var tests = Evaluate(design, p, 0.95, 0.98).ExpectedTests;
                Assert.True(tests > previous, $"{design}: {tests} at p={p} is not above {previous}");
                previous = tests;
            }
        }
    }

    [Fact]
    public void Individual_testing_is_the_assay_itself()
    {
        var r = Evaluate(PoolingScheme.Individual, 0.02, 0.95, 0.99);

        Assert.Equal(1, r.ExpectedTests);
        Assert.Equal(1, r.ExpectedTestsPerIndividual);
        Assert.Equal(0.95, r.Pse);
        Assert.Equal(0.99, r.Psp);
        Assert.Equal(0.02 * 0.95 / (0.02 * 0.95 + 0.98 * 0.01), r.Ppv, 1e-15);
        Assert.Equal(0.98 * 0.99 / (0.98 * 0.99 + 0.02 * 0.05), r.Npv, 1e-15);
    }

    [Fact]
    public void Evaluation_answers_for_sizes_far_beyond_the_dilution_cap()
    {
        var dorfman = Evaluate(PoolingScheme.Dorfman(500), 0.0001, 0.99, 0.99);
        var array = Evaluate(PoolingScheme.Array(300), 0.0001, 0.99, 0.99);
        var master = Evaluate(PoolingScheme.ArrayMaster(300), 0.0001, 0.99, 0.99);

        Assert.Equal(1.0 / 500 + 0.99 * (1 - Math.Pow(0.9999, 500)) + 0.01 * Math.Pow(0.9999, 500), dorfman.ExpectedTestsPerIndividual, 1e-12);
        Assert.All([array, master], r => Assert.True(double.IsFinite(r.ExpectedTests) && r.ExpectedTests > 600));
        Assert.Equal(90_000, array.Design.Individuals);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_prevalence_outside_the_open_unit_interval_is_refused(double p)
    {
        var e = Assert.Throws<PoolingInputException>(() => Evaluate(PoolingScheme.Dorfman(10), p, 0.99, 0.99));
        Assert.Equal("invalid-prevalence", e.Code);
        Assert.Equal("prevalence", e.Field);
        Assert.Contains("between 0 and 1", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, 0.99, "se")]
    [InlineData(1.01, 0.99, "se")]
    [InlineData(0.99, 0.0, "sp")]
    [InlineData(0.99, -1, "sp")]
    [InlineData(double.NaN, 0.99, "se")]
    public void Sensitivity_and_specificity_lie_in_the_half_open_unit_interval(double se, double sp, string field)
    {
        var e = Assert.Throws<PoolingInputException>(() => TestAccuracy.Of(se, sp));
        Assert.Equal("invalid-accuracy", e.Code);
        Assert.Equal(field, e.Field);
    }

    [Fact]
    public void Stage_specific_accuracy_needs_one_value_per_stage()
    {
        var twoStages = TestAccuracy.PerStage([0.95, 0.99], [0.99]);

        var e = Assert.Throws<PoolingInputException>(() => PoolingCharacteristics.Evaluate(PoolingScheme.ThreeStage(25, 5), 0.01, twoStages));
        Assert.Equal("se", e.Field);
        Assert.Contains("three-stage has 3 stages", e.Message, StringComparison.Ordinal);
        Assert.Equal(0.95 * 0.99, PoolingCharacteristics.Evaluate(PoolingScheme.Dorfman(5), 0.01, twoStages).Pse, 1e-15);
        Assert.Throws<PoolingInputException>(() => TestAccuracy.PerStage([], [0.99]));
        Assert.Throws<PoolingInputException>(() => TestAccuracy.PerStage([0.9, 0.9, 0.9, 0.9], [0.99]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-3)]
    public void A_pool_below_two_swabs_is_refused(int size)
    {
        Assert.All(new Func<PoolingScheme>[]
        {
            () => PoolingScheme.Dorfman(size), () => PoolingScheme.Array(size), () => PoolingScheme.ArrayMaster(size),
            () => PoolingScheme.ThreeStage(size, 2),
        }, make =>
        {
            var e = Assert.Throws<PoolingInputException>(() => make());
            Assert.Equal("pool-size-too-small", e.Code);
            Assert.Equal("size", e.Field);
        });
    }

    [Theory]
    [InlineData(new[] { 24, 5, 1 }, "do not nest")]
    [InlineData(new[] { 25, 25, 1 }, "smaller than")]
    [InlineData(new[] { 25, 1, 1 }, "at least 2")]
    [InlineData(new[] { 25, 5 }, "three stage sizes")]
    [InlineData(new[] { 25, 5, 2 }, "three stage sizes")]
    [InlineData(new[] { 5, 10, 1 }, "smaller than")]
    public void Three_stage_sizes_must_nest(int[] stages, string reason)
    {
        var e = Assert.Throws<PoolingInputException>(() => PoolingScheme.Create(PoolingStrategy.ThreeStage, null, stages));
        Assert.Equal("stages", e.Field);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_design_is_made_from_the_interface_inputs()
    {
        Assert.Equal(PoolingScheme.ThreeStage(25, 5), PoolingScheme.Create(PoolingStrategy.ThreeStage, 25, [25, 5, 1]));
        Assert.Equal([25, 5, 1], PoolingScheme.Create(PoolingStrategy.ThreeStage, null, [25, 5, 1]).Stages);
        Assert.Equal(PoolingScheme.Array(8), PoolingScheme.Create(PoolingStrategy.Array, 8, null));
        Assert.Equal(64, PoolingScheme.ArrayMaster(8).LargestPool);
        Assert.Equal(8, PoolingScheme.Array(8).LargestPool);
        Assert.Equal("size", Assert.Throws<PoolingInputException>(() => PoolingScheme.Create(PoolingStrategy.ThreeStage, 20, [25, 5, 1])).Field);
        Assert.Equal("size", Assert.Throws<PoolingInputException>(() => PoolingScheme.Create(PoolingStrategy.Dorfman, null, null)).Field);
        Assert.Equal("stages", Assert.Throws<PoolingInputException>(() => PoolingScheme.Create(PoolingStrategy.Dorfman, 10, [10, 1])).Field);
        Assert.Equal("stages", Assert.Throws<PoolingInputException>(() => PoolingScheme.Create(PoolingStrategy.ThreeStage, 25, null)).Field);
    }

    [Fact]
    public void Strategies_have_stable_wire_names()
    {
        foreach (var strategy in Enum.GetValues<PoolingStrategy>())
            Assert.Equal(strategy, PoolingStrategies.Parse(strategy.ToWire()));
        Assert.Equal(["individual", "dorfman", "three-stage", "array", "array-master"], Enum.GetValues<PoolingStrategy>().Select(s => s.ToWire()));
        Assert.Equal(PoolingStrategy.ArrayMaster, PoolingStrategies.Parse(" Array-Master "));
        Assert.Null(PoolingStrategies.Parse("matrix"));
    }
}
