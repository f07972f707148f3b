using Lims.Domain.Turnaround;

namespace Lims.Domain.Tests.Turnaround;

/// <summary>Nearest-rank percentiles: the value of rank ⌈P/100 × n⌉ in increasing order.</summary>
public sealed class PercentileTests
{
    [Theory]
    [InlineData(1, 50, 1)]
    [InlineData(1, 99, 1)]
    [InlineData(4, 50, 2)]
    [InlineData(5, 50, 3)]
    [InlineData(10, 90, 9)]
    [InlineData(10, 95, 10)]
    [InlineData(20, 95, 19)]
    [InlineData(100, 99, 99)]
    [InlineData(101, 99, 100)]
    [InlineData(3_000_000, 50, 1_500_000)]
    [InlineData(3_000_001, 50, 1_500_001)]
    public void The_rank_is_the_ceiling_of_p_times_n(long count, int percent, long rank) =>
        Assert.Equal(rank, NearestRank.Rank(count, percent));

    [Fact]
    public void Ten_known_durations()
    {
        // Given out of order, with a repeat: sorted they are 60, 120, 120, 300, 600, 900, 1800, 3600, 7200, 86400.
        var histogram = Of(900, 120, 86_400, 60, 3_600, 600, 120, 7_200, 300, 1_800);

        // p50 = rank 5 → 600; p90 = rank 9 → 7200; p95 and p99 = rank 10 → 86400.
        Assert.Equal(new PercentileSummary(10, 600, 7_200, 86_400, 86_400), histogram.Summary());
        Assert.Equal(60, histogram.Percentile(1));
        Assert.Equal(60, histogram.Percentile(10));
        Assert.Equal(120, histogram.Percentile(11));
        Assert.Equal(120, histogram.Percentile(30));
        Assert.Equal(300, histogram.Percentile(31));
        Assert.Equal(86_400, histogram.Percentile(100));
    }

    [Fact]
    public void A_hundred_durations_one_to_a_hundred_minutes()
    {
        var histogram = Of([.. Enumerable.Range(1, 100).Reverse().Select(m => m * 60L)]);

        Assert.Equal(new PercentileSummary(100, 50 * 60, 90 * 60, 95 * 60, 99 * 60), histogram.Summary());
    }

    [Fact]
    public void One_duration_is_every_percentile_and_none_gives_no_percentile()
    {
        Assert.Equal(new PercentileSummary(1, 42, 42, 42, 42), Of(42).Summary());
        Assert.Equal(new PercentileSummary(0, null, null, null, null), new DurationHistogram().Summary());
        Assert.Null(new DurationHistogram().Percentile(50));
    }

    [Fact]
    public void Negative_durations_sort_first()
    {
        // A collection time a few minutes ahead of the lab's clock gives a negative first stage; it is kept, not hidden.
        Assert.Equal(new PercentileSummary(4, -120, 600, 600, 600), Of(600, -120, 300, -300).Summary());
    }

    [Fact]
    public void Merged_histograms_give_the_percentiles_of_all_their_durations()
    {
        var a = Of(10, 20, 30);
        var b = Of(20, 40, 50, 60, 70, 80, 90);
        var all = new DurationHistogram();
        all.Add(a);
        all.Add(b);

        // 10, 20, 20, 30, 40, 50, 60, 70, 80, 90: ranks 5, 9, 10, 10.
        Assert.Equal(new PercentileSummary(10, 40, 80, 90, 90), all.Summary());
        Assert.Equal(3, a.Count);
    }

    [Fact]
    public void Durations_of_days_and_negative_ones_are_counted_like_the_others()
    {
        const long day = 86_400;
        var histogram = Of(3 * day, -5, 2 * day, 2 * day - 1, 0, 10 * day, -5, 3 * day);

        // -5, -5, 0, 2d-1, 2d, 3d, 3d, 10d: ranks 4, 8, 8, 8.
        Assert.Equal(new PercentileSummary(8, 2 * day - 1, 10 * day, 10 * day, 10 * day), histogram.Summary());
        Assert.Equal([(-5L, 2L), (0, 1), (2 * day - 1, 1), (2 * day, 1), (3 * day, 2), (10 * day, 1)], histogram.Ascending());
        Assert.Equal(2 * day, histogram.Percentile(60));
    }

    [Fact]
    public void The_histogram_agrees_with_sorting_every_duration()
    {
        var random = new Random(20261123);
        for (var round = 0; round < 300; round++)
        {
            // Short stages, day-long turnarounds, a few beyond two days and a few negative, in every mix.
            var spread = (round % 3) switch { 0 => 5_000, 1 => 100_000, _ => 400_000 };
            var durations = Enumerable.Range(0, random.Next(1, 400)).Select(_ => (long)random.Next(-50, spread)).ToArray();
            var histogram = Of(durations);
            var sorted = durations.Order().ToArray();
            foreach (var percent in new[] { 1, 25, 50, 90, 95, 99, 100 })
                Assert.Equal(sorted[(int)Math.Ceiling(percent / 100m * sorted.Length) - 1], histogram.Percentile(percent));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void A_percentile_lies_between_1_and_100(int percent) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NearestRank.Rank(10, percent));

    private static DurationHistogram Of(params long[] seconds)
    {
        var histogram = new DurationHistogram();
        foreach (var s in seconds) histogram.Add(s);
        return histogram;
    }
}
