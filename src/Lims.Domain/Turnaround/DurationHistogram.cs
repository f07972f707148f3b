using System.Runtime.InteropServices;

namespace Lims.Domain.Turnaround;

/// <summary>The p50, p90, p95 and p99 of a set of durations (seconds), by nearest rank; null when the set is empty.</summary>
public sealed record PercentileSummary(long Count, long? P50, long? P90, long? P95, long? P99);

/// <summary>
/// Durations in whole seconds, kept as a count per distinct value: memory grows with the spread of the durations
/// (at most one entry per second of it), not with their number, so a day of millions of tubes fits in a few
/// megabytes and the percentiles are exact to the second.
/// </summary>
public sealed class DurationHistogram
{
    /// <summary>The percentiles every summary reports.</summary>
    public static readonly IReadOnlyList<int> ReportedPercents = [50, 90, 95, 99];

    private readonly Dictionary<long, long> _counts = [];

    public long Count { get; private set; }

    public void Add(long seconds)
    {
        CollectionsMarshal.GetValueRefOrAddDefault(_counts, seconds, out _)++;
        Count++;
    }

    public void Add(DurationHistogram other)
    {
        foreach (var (seconds, count) in other._counts) CollectionsMarshal.GetValueRefOrAddDefault(_counts, seconds, out _) += count;
        Count += other.Count;
    }

    /// <summary>The <paramref name="percent"/>th percentile by nearest rank (see <see cref="NearestRank.Rank"/>), or null when empty.</summary>
    public long? Percentile(int percent) => Percentiles([percent])[0];

    public PercentileSummary Summary()
    {
        var p = Percentiles(ReportedPercents);
        return new PercentileSummary(Count, p[0], p[1], p[2], p[3]);
    }

    /// <param name="percents">In increasing order.</param>
    private long?[] Percentiles(IReadOnlyList<int> percents)
    {
        var result = new long?[percents.Count];
        if (Count == 0) return result;
        var values = _counts.Keys.ToArray();
        Array.Sort(values);
        long seen = 0;
        var next = 0;
        foreach (var value in values)
        {
            seen += _counts[value];
            while (next < percents.Count && seen >= NearestRank.Rank(Count, percents[next])) result[next++] = value;
            if (next == percents.Count) break;
        }
        return result;
    }
}

/// <summary>
/// The nearest-rank percentile: the P-th percentile of n values is the value of rank ⌈P/100 × n⌉ (1-based) in
/// increasing order: always one of the values, never interpolated. It is PostgreSQL's <c>percentile_disc</c>.
/// </summary>
public static class NearestRank
{
    /// <summary>⌈<paramref name="percent"/> × <paramref name="count"/> / 100⌉, in integers (no rounding error).</summary>
    public static long Rank(long count, int percent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (percent is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(percent), "A percentile lies in 1..100.");
        return (percent * count + 99) / 100;
    }
}
