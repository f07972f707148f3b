using Lims.Domain.Pools.Characteristics;

namespace Lims.Domain.Tests.Pools.Characteristics;

/// <summary>
/// The closed forms against the model itself: every true status of every person and every outcome of every pool test
/// is enumerated, each weighted by its probability, and the algorithm is run on it as a lab would. Small designs only,
/// with a different sensitivity and specificity at every stage so that a stage mixed up shows.
/// </summary>
public sealed class ExhaustiveEnumerationTests
{
    private const double Tolerance = 1e-12;

    private static readonly double[] Se = [0.93, 0.88, 0.97];
    private static readonly double[] Sp = [0.81, 0.9, 0.95];

    private static double Positive(bool truth, int stage) => truth ? Se[stage] : 1 - Sp[stage];

    [Theory]
    [InlineData(2, 0.05)]
    [InlineData(3, 0.2)]
    [InlineData(6, 0.1)]
    [InlineData(9, 0.02)]
    public void Dorfman_agrees_with_enumeration(int k, double p)
    {
        var expected = Enumerate(k, p, (status, weight, tally) =>
        {
            var poolPositive = Positive(Any(status, 0, k), 0);
            tally.Tests += weight * (1 + poolPositive * k);
            tally.CalledPositive(status[0], weight * poolPositive * Positive(status[0], 1));
        });

        AssertAgrees(expected, PoolingScheme.Dorfman(k), p, Se[..2], Sp[..2]);
    }

    [Theory]
    [InlineData(4, 2, 0.1)]
    [InlineData(6, 3, 0.05)]
    [InlineData(6, 2, 0.3)]
    [InlineData(12, 4, 0.02)]
    public void Three_stage_agrees_with_enumeration(int s1, int s2, double p)
    {
        var expected = Enumerate(s1, p, (status, weight, tally) =>
        {
            var poolPositive = Positive(Any(status, 0, s1), 0);
            var tests = 1.0;
            for (var start = 0; start < s1; start += s2)
                tests += poolPositive * (1 + Positive(Any(status, start, s2), 1) * s2);
            tally.Tests += weight * tests;
            tally.CalledPositive(status[0], weight * poolPositive * Positive(Any(status, 0, s2), 1) * Positive(status[0], 2));
        });

        AssertAgrees(expected, PoolingScheme.ThreeStage(s1, s2), p, Se, Sp);
    }

    [Theory]
    [InlineData(2, 0.05, false)]
    [InlineData(2, 0.3, false)]
    [InlineData(3, 0.1, false)]
    [InlineData(2, 0.05, true)]
    [InlineData(3, 0.1, true)]
    [InlineData(3, 0.01, true)]
    public void Arrays_agree_with_enumeration(int n, double p, bool master) =>
        AssertArrayAgrees(n, p, master, master ? Se : Se[..2], master ? Sp : Sp[..2]);

    [Fact]
    public void A_master_pool_with_its_own_specificity_agrees_with_enumeration() =>
        // The case where binGroup2 differs (see OperatingCharacteristicsTests).
        AssertArrayAgrees(3, 0.05, master: true, [0.95, 0.95, 0.99], [0.90, 0.98, 0.99]);

    /// <param name="se">Stages: [master,] row/column, individual.</param>
    private static void AssertArrayAgrees(int n, double p, bool master, double[] se, double[] sp)
    {
        var line = master ? 1 : 0;
        var expected = Enumerate(n * n, p, (status, weight, tally) =>
        {
            var rows = new bool[n];
            var columns = new bool[n];
            for (var j = 0; j < n; j++)
            {
                for (var k = 0; k < n; k++)
                {
                    rows[j] |= status[j * n + k];
                    columns[k] |= status[j * n + k];
                }
            }
            var masterPositive = master ? Reads(status.Contains(true), true, 0) : 1.0;
            if (master) tally.Tests += weight * (1 - masterPositive);
            for (var rowOutcomes = 0; rowOutcomes < 1 << n; rowOutcomes++)
            {
                for (var columnOutcomes = 0; columnOutcomes < 1 << n; columnOutcomes++)
                {
                    var w = weight * masterPositive;
                    for (var i = 0; i < n; i++)
                    {
                        w *= Reads(rows[i], (rowOutcomes >> i & 1) == 1, line);
                        w *= Reads(columns[i], (columnOutcomes >> i & 1) == 1, line);
                    }
                    var tested = 0;
                    var firstTested = false;
                    for (var j = 0; j < n; j++)
                    {
                        for (var k = 0; k < n; k++)
                        {
                            var row = (rowOutcomes >> j & 1) == 1;
                            var column = (columnOutcomes >> k & 1) == 1;
                            // Row and column positive; or a positive row while no column is; or a positive column while no row is.
                            if ((row && column) || (row && columnOutcomes == 0) || (column && rowOutcomes == 0))
                            {
                                tested++;
                                if (j == 0 && k == 0) firstTested = true;
                            }
                        }
                    }
                    tally.Tests += w * ((master ? 1 : 0) + 2 * n + tested);
                    if (firstTested) tally.CalledPositive(status[0], w * Reads(status[0], true, line + 1));
                }
            }
        });

        AssertAgrees(expected, master ? PoolingScheme.ArrayMaster(n) : PoolingScheme.Array(n), p, se, sp);

        double Reads(bool truth, bool positive, int stage)
        {
            var readsPositive = truth ? se[stage] : 1 - sp[stage];
            return positive ? readsPositive : 1 - readsPositive;
        }
    }

    private static void AssertAgrees(Tally expected, PoolingScheme design, double p, double[] se, double[] sp)
    {
        var actual = PoolingCharacteristics.Evaluate(design, p, TestAccuracy.PerStage(se, sp));
        var pse = expected.TruePositive / p;
        var psp = 1 - expected.FalsePositive / (1 - p);

        Assert.Equal(expected.Tests, actual.ExpectedTests, Tolerance);
        Assert.Equal(pse, actual.Pse, Tolerance);
        Assert.Equal(psp, actual.Psp, Tolerance);
        Assert.Equal(p * pse / (p * pse + (1 - p) * (1 - psp)), actual.Ppv, Tolerance);
        Assert.Equal((1 - p) * psp / ((1 - p) * psp + p * (1 - pse)), actual.Npv, Tolerance);
    }

    /// <summary>Runs <paramref name="visit"/> on every true status of <paramref name="people"/> people with its probability.</summary>
    private static Tally Enumerate(int people, double p, Action<bool[], double, Tally> visit)
    {
        var tally = new Tally();
        var status = new bool[people];
        for (var mask = 0; mask < 1 << people; mask++)
        {
            var weight = 1.0;
            for (var i = 0; i < people; i++)
            {
                status[i] = (mask >> i & 1) == 1;
                weight *= status[i] ? p : 1 - p;
            }
            visit(status, weight, tally);
        }
        return tally;
    }

    private static bool Any(bool[] status, int start, int count)
    {
        for (var i = start; i < start + count; i++)
            if (status[i]) return true;
        return false;
    }

    /// <summary>Expected tests, and the probability that person 0 is positive and called positive, or negative and called positive.</summary>
    private sealed class Tally
    {
        public double Tests { get; set; }

        public double TruePositive { get; private set; }

        public double FalsePositive { get; private set; }

        public void CalledPositive(bool truth, double probability)
        {
            if (truth) TruePositive += probability;
            else FalsePositive += probability;
        }
    }
}
