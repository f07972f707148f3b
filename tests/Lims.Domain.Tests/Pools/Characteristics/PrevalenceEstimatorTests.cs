using Lims.Domain.Pools.Characteristics;

namespace Lims.Domain.Tests.Pools.Characteristics;

public sealed class PrevalenceEstimatorTests
{
    // R: binom.test(x, n)$conf.int, the exact Clopper–Pearson interval (e.g. binom.test(3, 10): 0.06673951 0.65245285).
    [Theory]
    [InlineData(3, 10, 0.066739511178, 0.652452850060)]
    [InlineData(1, 10, 0.002528578544, 0.445016117028)]
    [InlineData(5, 10, 0.187086028447, 0.812913971553)]
    [InlineData(1, 100, 0.000253146033, 0.054459385392)]
    public void The_Clopper_Pearson_interval_matches_R(int x, int n, double lower, double upper)
    {
        var (l, u) = PrevalenceEstimator.ClopperPearson(x, n);

        Assert.Equal(lower, l, 1e-11);
        Assert.Equal(upper, u, 1e-11);
    }

    [Fact]
    public void The_interval_has_closed_forms_at_the_ends()
    {
        // No success: the upper bound solves (1 − U)ⁿ = 0.025; all successes: Lⁿ = 0.025.
        var (zero, below) = PrevalenceEstimator.ClopperPearson(0, 10);
        Assert.Equal(0, zero);
        Assert.Equal(1 - Math.Pow(0.025, 1.0 / 10), below, 1e-14);
        var (lower, upper) = PrevalenceEstimator.ClopperPearson(10, 10);
        Assert.Equal(Math.Pow(0.025, 1.0 / 10), lower, 1e-14);
        Assert.Equal(1, upper);
    }

    [Fact]
    public void Seven_positive_pools_of_ten_in_a_hundred()
    {
        var estimate = PrevalenceEstimator.FromPools(pools: 100, positive: 7, poolSize: 10);

        Assert.Equal(1 - Math.Pow(0.93, 0.1), estimate.Estimate, 1e-15);
        Assert.Equal(0.007230800340, estimate.Estimate, 1e-11);
        Assert.Equal(0.002898031946, estimate.Lower, 1e-11);
        Assert.Equal(0.014845458143, estimate.Upper, 1e-11);
    }

    [Fact]
    public void The_pool_positivity_interval_is_carried_through_the_same_transform()
    {
        foreach (var (n, x, k) in new[] { (1000, 12, 10), (40, 3, 5), (200, 150, 20) })
        {
            var (lower, upper) = PrevalenceEstimator.ClopperPearson(x, n);
            var estimate = PrevalenceEstimator.FromPools(n, x, k);
            Assert.Equal(1 - Math.Pow(1 - lower, 1.0 / k), estimate.Lower, 1e-15);
            Assert.Equal(1 - Math.Pow(1 - upper, 1.0 / k), estimate.Upper, 1e-15);
            Assert.InRange(estimate.Estimate, estimate.Lower, estimate.Upper);
        }
        Assert.Equal(0.001206529681, PrevalenceEstimator.FromPools(1000, 12, 10).Estimate, 1e-11);
        Assert.Equal(0.000623297905, PrevalenceEstimator.FromPools(1000, 12, 10).Lower, 1e-11);
        Assert.Equal(0.002106626625, PrevalenceEstimator.FromPools(1000, 12, 10).Upper, 1e-11);
    }

    [Fact]
    public void Single_swab_pools_give_the_plain_binomial_interval()
    {
        var estimate = PrevalenceEstimator.FromPools(40, 3, 1);

        Assert.Equal(0.075, estimate.Estimate, 1e-15);
        Assert.Equal(0.015742179851, estimate.Lower, 1e-11);
        Assert.Equal(0.203864748733, estimate.Upper, 1e-11);
    }

    [Fact]
    public void No_positive_pool_estimates_zero_with_an_upper_bound()
    {
        var estimate = PrevalenceEstimator.FromPools(50, 0, 20);

        Assert.Equal(0, estimate.Estimate);
        Assert.Equal(0, estimate.Lower);
        // 1 − (1 − U)^(1/k) with (1 − U)ⁿ = 0.025: 1 − 0.025^(1/(n·k)).
        Assert.Equal(1 - Math.Pow(0.025, 1.0 / (50 * 20)), estimate.Upper, 1e-14);
        Assert.Equal(0.003682083897, estimate.Upper, 1e-11);
    }

    [Fact]
    public void Every_pool_positive_estimates_one_with_a_lower_bound()
    {
        var estimate = PrevalenceEstimator.FromPools(50, 50, 5);

        Assert.Equal(1, estimate.Estimate);
        Assert.Equal(1, estimate.Upper);
        Assert.Equal(1 - Math.Pow(1 - Math.Pow(0.025, 1.0 / 50), 1.0 / 5), estimate.Lower, 1e-14);
        Assert.Equal(0.410613111494, estimate.Lower, 1e-11);
    }

    [Fact]
    public void Large_counts_stay_accurate()
    {
        // A city's day: 2.6 million pools of 10, 1 % positive. The interval is narrow and holds the estimate.
        var estimate = PrevalenceEstimator.FromPools(2_600_000, 26_000, 10);

        Assert.Equal(1 - Math.Pow(0.99, 0.1), estimate.Estimate, 1e-15);
        Assert.InRange(estimate.Estimate - estimate.Lower, 1e-6, 2e-5);
        Assert.InRange(estimate.Upper - estimate.Estimate, 1e-6, 2e-5);
    }

    [Theory]
    [InlineData(0, 0, 10, "pools")]
    [InlineData(10, 11, 10, "positive")]
    [InlineData(10, -1, 10, "positive")]
    [InlineData(10, 2, 0, "size")]
    public void Bad_counts_are_refused(int pools, int positive, int size, string field)
    {
        var e = Assert.Throws<PoolingInputException>(() => PrevalenceEstimator.FromPools(pools, positive, size));
        Assert.Equal(field, e.Field);
    }
}
