using Lims.Domain.Pools.Characteristics;

namespace Lims.Domain.Tests.Pools.Characteristics;

public sealed class PoolingPlannerTests
{
    [Fact]
    public void Dorfman_planning_finds_binGroup2s_optimal_configuration_and_its_runners_up()
    {
        // binGroup2 1.3.3 vignette: OTC1(algorithm = "D2", p = 0.01, Se = 0.99, Sp = 0.99, group.sz = 3:20, obj.fn = "ET")
        // finds a group of 11 (0.2035 tests per person), then 10, 12, 9 and 13.
        var plan = PoolingPlanner.Plan(new PoolingPlanRequest(0.01, 0.99, 0.99, Strategies: [PoolingStrategy.Dorfman]));

        Assert.Equal(PoolingScheme.Dorfman(11), plan.Best.Design);
        Assert.Equal(0.2035, plan.Best.ExpectedTestsPerIndividual, 0.00005);
        Assert.Equal([11, 10, 12, 9, 13], plan.Candidates.Take(5).Select(c => c.Design.Size));
        Assert.Equal(plan.Best, plan.Candidates[0]);
        // k = 2..20 and individual testing.
        Assert.Equal(20, plan.Candidates.Count);
    }

    [Fact]
    public void Every_candidate_fits_the_dilution_cap_and_they_come_best_first()
    {
        var plan = PoolingPlanner.Plan(new PoolingPlanRequest(0.005, 0.98, 0.995));

        Assert.All(plan.Candidates, c => Assert.InRange(c.Design.LargestPool, 1, 20));
        Assert.All(plan.Candidates.Zip(plan.Candidates.Skip(1)), pair =>
            Assert.True(pair.First.ExpectedTestsPerIndividual <= pair.Second.ExpectedTestsPerIndividual));
        var byStrategy = plan.Candidates.GroupBy(c => c.Design.Strategy).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(1, byStrategy[PoolingStrategy.Individual]);
        Assert.Equal(19, byStrategy[PoolingStrategy.Dorfman]);
        // s1 ≤ 20 with every s2 dividing it, 1 < s2 < s1: 4:2, 6:2,3, 8:2,4, 9:3, 10:2,5, 12:2,3,4,6, 14:2,7, 15:3,5, 16:2,4,8, 18:2,3,6,9, 20:2,4,5,10.
        Assert.Equal(27, byStrategy[PoolingStrategy.ThreeStage]);
        Assert.Equal(19, byStrategy[PoolingStrategy.Array]);
        // The master pool is one reaction of n² swabs: 2×2, 3×3 and 4×4 only.
        Assert.Equal([2, 3, 4], plan.Candidates.Where(c => c.Design.Strategy == PoolingStrategy.ArrayMaster).Select(c => c.Design.Size).Order());
        // At 0.5 % a pooled design beats testing everyone alone by far.
        Assert.NotEqual(PoolingStrategy.Individual, plan.Best.Design.Strategy);
        Assert.True(plan.Best.ExpectedTestsPerIndividual < 0.25);
    }

    [Fact]
    public void The_best_is_the_minimum_of_evaluating_every_allowed_design()
    {
        var accuracy = TestAccuracy.Of(0.97, 0.99);
        var plan = PoolingPlanner.Plan(new PoolingPlanRequest(0.02, 0.97, 0.99, MaxPoolSize: 12, Strategies: [PoolingStrategy.Array, PoolingStrategy.ThreeStage]));

        var bruteForce = Enumerable.Range(2, 11).Select(PoolingScheme.Array)
            .Concat(from s1 in Enumerable.Range(4, 9) from s2 in Enumerable.Range(2, s1 / 2 - 1) where s1 % s2 == 0 select PoolingScheme.ThreeStage(s1, s2))
            .Append(PoolingScheme.Individual)
            .Select(d => PoolingCharacteristics.Evaluate(d, 0.02, accuracy))
            .MinBy(r => r.ExpectedTestsPerIndividual);
        Assert.Equal(bruteForce, plan.Best);
        Assert.DoesNotContain(plan.Candidates, c => c.Design.Strategy is PoolingStrategy.Dorfman or PoolingStrategy.ArrayMaster);
    }

    [Fact]
    public void At_high_prevalence_testing_everyone_alone_wins()
    {
        var plan = PoolingPlanner.Plan(new PoolingPlanRequest(0.4, 0.99, 0.99));

        Assert.Equal(PoolingScheme.Individual, plan.Best.Design);
        Assert.Equal(1, plan.Best.ExpectedTestsPerIndividual);
        Assert.Equal(0.99, plan.Best.Pse);
    }

    [Fact]
    public void A_minimum_pooling_sensitivity_leaves_out_the_designs_below_it()
    {
        var all = PoolingPlanner.Plan(new PoolingPlanRequest(0.01, 0.95, 0.99));
        var plan = PoolingPlanner.Plan(new PoolingPlanRequest(0.01, 0.95, 0.99, MinimumPse: 0.93));

        Assert.Contains(all.Candidates, c => c.Pse < 0.93);
        Assert.All(plan.Candidates, c => Assert.True(c.Pse >= 0.93));
        // Dorfman (Se² = 0.9025) and three-stage (Se³) cannot reach it; the arrays' second chance through a lone row or column can.
        Assert.DoesNotContain(plan.Candidates, c => c.Design.Strategy is PoolingStrategy.Dorfman or PoolingStrategy.ThreeStage);
        Assert.Contains(plan.Candidates, c => c.Design.Strategy == PoolingStrategy.Array);
        Assert.True(plan.Best.ExpectedTestsPerIndividual >= all.Best.ExpectedTestsPerIndividual);
    }

    [Fact]
    public void A_minimum_no_design_reaches_is_refused()
    {
        var e = Assert.Throws<PoolingInputException>(() => PoolingPlanner.Plan(new PoolingPlanRequest(0.01, 0.95, 0.99, MinimumPse: 0.96)));

        Assert.Equal("minimum-pse-unreachable", e.Code);
        Assert.Equal("minPse", e.Field);
    }

    [Fact]
    public void The_same_request_gets_the_same_ranking()
    {
        var request = new PoolingPlanRequest(0.003, 1, 1, MaxPoolSize: 30);

        Assert.Equal(PoolingPlanner.Plan(request).Candidates, PoolingPlanner.Plan(request).Candidates);
        // With perfect tests PSe is 1 everywhere, so equal costs fall to the simpler strategy, then the smaller pool.
        var ranked = PoolingPlanner.Plan(request).Candidates;
        Assert.All(ranked.Zip(ranked.Skip(1)), pair =>
        {
            if (pair.First.ExpectedTestsPerIndividual == pair.Second.ExpectedTestsPerIndividual)
                Assert.True((pair.First.Design.Strategy, pair.First.Design.Size).CompareTo((pair.Second.Design.Strategy, pair.Second.Design.Size)) < 0);
        });
    }

    [Theory]
    [InlineData(0.0, 20, null, "prevalence")]
    [InlineData(1.0, 20, null, "prevalence")]
    [InlineData(0.01, 1, null, "maxSize")]
    [InlineData(0.01, 5000, null, "maxSize")]
    [InlineData(0.01, 20, 0.0, "minPse")]
    [InlineData(0.01, 20, 1.2, "minPse")]
    public void Bad_planning_input_is_refused(double p, int cap, double? minPse, string field)
    {
        var e = Assert.Throws<PoolingInputException>(() => PoolingPlanner.Plan(new PoolingPlanRequest(p, 0.99, 0.99, cap, MinimumPse: minPse)));
        Assert.Equal(field, e.Field);
    }
}
