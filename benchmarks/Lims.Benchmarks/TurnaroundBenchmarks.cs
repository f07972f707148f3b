using BenchmarkDotNet.Attributes;
using Lims.Application.Features.Dashboard;
using Lims.Domain.Tubes;
using Lims.Domain.Turnaround;

namespace Lims.Benchmarks;

/// <summary>
/// The turnaround dashboard's work per tube once its row is read: 1 M tubes of a day (as <c>tat-day</c> seeds them) into
/// the per-second histograms and counters, then the view with its percentiles. The baseline reads the same stage
/// durations and sums them, so the ratio is the cost of the tally over the arithmetic.
/// </summary>
[Config(typeof(ShortInProcessConfig))]
public class TurnaroundBenchmarks
{
    private const int Tubes = 1_000_000;
    private static readonly DateTimeOffset Day = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private readonly Priority[] _priority = new Priority[Tubes];
    private readonly TubeStatus[] _status = new TubeStatus[Tubes];
    private readonly TubeCall?[] _call = new TubeCall?[Tubes];
    private readonly string[] _site = new string[Tubes];
    private readonly DateTimeOffset[] _due = new DateTimeOffset[Tubes];
    private readonly StageTimes[] _times = new StageTimes[Tubes];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var sites = Enumerable.Range(0, 500).Select(i => $"Site {i}").ToArray();
        var at = new DateTimeOffset?[7];
        for (var i = 0; i < Tubes; i++)
        {
            var kind = random.NextDouble();
            (_priority[i], var hours) = kind < 0.05 ? (Priority.Emergency, 6) : kind < 0.20 ? (Priority.Routine, 12) : (Priority.Screening, 24);
            var collected = Day.AddSeconds(random.Next(86_400));
            var reached = random.NextDouble() < 0.85 ? 7 : random.Next(7);
            var t = collected;
            for (var s = 0; s < 7; s++)
            {
                t = t.AddSeconds(random.Next(300, 10_000));
                at[s] = s < reached ? t : null;
            }
            _times[i] = new StageTimes(collected, at[0], at[1], at[2], at[3], at[4], at[5], at[6]);
            _status[i] = reached == 7 ? TubeStatus.Released : TubeStatus.Received;
            _call[i] = reached >= 5 ? (random.NextDouble() < 0.01 ? TubeCall.Positive : TubeCall.Negative) : null;
            _site[i] = sites[random.Next(sites.Length)];
            _due[i] = collected.AddHours(hours);
        }
    }

    [Benchmark(Baseline = true, Description = "stage durations of 1 M tubes, summed")]
    public long Durations()
    {
        long sum = 0;
        for (var i = 0; i < Tubes; i++)
            foreach (var stage in TurnaroundStages.All)
                sum += _times[i].Seconds(stage) ?? 0;
        return sum;
    }

    [Benchmark(Description = "tally of 1 M tubes and its view")]
    public long Tally()
    {
        var tally = new TurnaroundTally(Day.AddHours(30));
        for (var i = 0; i < Tubes; i++) tally.Add(_priority[i], _status[i], _call[i], _site[i], 10, _due[i], _times[i], TubeKind.Pooled, recall: false);
        return tally.View(Day, Day.AddDays(1)).Tubes;
    }
}
