using System.Runtime.InteropServices;

namespace Lims.Domain.Turnaround;

/// <summary>The p50, p90, p95 and p99 of a set of durations (seconds), by nearest rank; null when the set is empty.</summary>
public sealed record PercentileSummary(long Count, long? P50, long? P90, long? P95, long? P99);

/// <summary>
/// Durations in whole seconds, kept as a count per second: memory grows with the spread of the durations, not with
/// their number, and the percentiles are exact to the second. Durations from 0 to <see cref="DenseSeconds"/> are
/// counted in an array indexed by the second (grown as far as the longest one so far: a day's spread is ~350 KB), the
/// rare others (negative ones from a clock ahead, or over two days) in a dictionary.
/// </summary>
public sealed class DurationHistogram
{
    /// <summary>The percentiles every summary reports.</summary>
    public static readonly IReadOnlyList<int> ReportedPercents = [50, 90, 95, 99];

    /// <summary>Two days: durations below this are counted in the array.</summary>
    public const int DenseSeconds = 2 * 24 * 3600;

    private int[] _dense = [];
    private Dictionary<long, long>? _sparse;

    public long Count { get; private set; }

    public void Add(long seconds) => Add(seconds, 1);

    public void Add(DurationHistogram other)
    {
        foreach (var (seconds, count) in other.Ascending()) Add(seconds, count);
    }

    private void Add(long seconds, long count)
    {
        if ((ulong)seconds < DenseSeconds)
        {
            if (seconds >= _dense.Length) Grow((int)seconds);
            _dense[seconds] = checked(_dense[seconds] + (int)count);
        }
        else
        {
            _sparse ??= [];
            CollectionsMarshal.GetValueRefOrAddDefault(_sparse, seconds, out _) += count;
        }
        Count += count;
    }

    private void Grow(int seconds)
    {
        var length = Math.Min(DenseSeconds, Math.Max(seconds + 1, Math.Max(4096, _dense.Length * 2)));
        Array.Resize(ref _dense, length);
    }

    /// <summary>Every distinct duration with its count, shortest first.</summary>
    public IEnumerable<(long Seconds, long Count)> Ascending()
    {
        var sparse = _sparse?.Keys.Order().ToArray() ?? [];
        var i = 0;
        for (; i < sparse.Length && sparse[i] < 0; i++) yield return (sparse[i], _sparse![sparse[i]]);
        for (var s = 0; s < _dense.Length; s++)
            if (_dense[s] != 0) yield return (s, _dense[s]);
        for (; i < sparse.Length; i++) yield return (sparse[i], _sparse![sparse[i]]);
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
        long seen = 0;
        var next = 0;
        foreach (var (value, count) in Ascending())
        {
            seen += count;
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
