using System.Runtime.InteropServices;
using Lims.Domain.Common;
using Lims.Domain.Tubes;
using Lims.Domain.Turnaround;

namespace Lims.Application.Features.Dashboard;

/// <summary>
/// The dashboard's figures, gathered one tube at a time in bounded memory: a histogram of whole seconds per stage and
/// priority, four counters per priority, four per site and day.
/// </summary>
public sealed class TurnaroundTally(DateTimeOffset now)
{
    public static readonly Priority[] Priorities = Enum.GetValues<Priority>();
    private static readonly TurnaroundStage[] Stages = Enum.GetValues<TurnaroundStage>();

    private readonly DurationHistogram[] _histograms = [.. Enumerable.Range(0, Stages.Length * Priorities.Length).Select(_ => new DurationHistogram())];
    private readonly Overdue[] _overdue = new Overdue[Priorities.Length];
    private readonly Dictionary<(string Site, DateOnly Day), Positivity> _positivity = [];
    private long _tubes;

    public void Add(Priority priority, TubeStatus status, TubeCall? call, string site, int memberCount, DateTimeOffset dueAt, in StageTimes times)
    {
        _tubes++;
        var p = (int)priority;
        foreach (var stage in Stages)
            if (times.Seconds(stage) is { } seconds) _histograms[(int)stage * Priorities.Length + p].Add(seconds);

        ref var o = ref _overdue[p];
        if (status == TubeStatus.Released)
        {
            o.Released++;
            if (times.Released > dueAt) o.ReleasedLate++;
        }
        else if (status is not (TubeStatus.Rejected or TubeStatus.Cancelled))
        {
            o.Open++;
            if (dueAt < now) o.OpenPastDue++;
        }

        if (call is TubeCall.Positive or TubeCall.Negative)
        {
            ref var line = ref CollectionsMarshal.GetValueRefOrAddDefault(_positivity, (site, DateOnly.FromDateTime(times.Collected.UtcDateTime)), out _);
            line.Tubes++;
            line.People += memberCount;
            if (call == TubeCall.Positive)
            {
                line.Positive++;
                line.PeopleInPositiveTubes += memberCount;
            }
        }
    }

    public TurnaroundView View(DateTimeOffset from, DateTimeOffset to)
    {
        var stageViews = Stages.Select(stage =>
        {
            var all = new DurationHistogram();
            foreach (var p in Priorities) all.Add(Histogram(stage, p));
            return new StageTurnaroundView(stage.ToWire(), all.Summary(), Priorities.ToDictionary(Wire, p => Histogram(stage, p).Summary()));
        }).ToList();
        var overdueView = new OverdueView(
            new OverdueCounts(_overdue.Sum(o => o.Released), _overdue.Sum(o => o.ReleasedLate), _overdue.Sum(o => o.Open), _overdue.Sum(o => o.OpenPastDue)),
            Priorities.ToDictionary(Wire, p => _overdue[(int)p].View));
        var positivityViews = _positivity
            .OrderBy(e => e.Key.Site, StringComparer.Ordinal).ThenBy(e => e.Key.Day)
            .Select(e => new PositivityView(e.Key.Site, e.Key.Day, e.Value.Tubes, e.Value.Positive, (double)e.Value.Positive / e.Value.Tubes,
                e.Value.People, e.Value.PeopleInPositiveTubes))
            .ToList();
        return new TurnaroundView(from, to, now, _tubes, stageViews, overdueView, positivityViews);
    }

    private DurationHistogram Histogram(TurnaroundStage stage, Priority priority) => _histograms[(int)stage * Priorities.Length + (int)priority];

    private static string Wire(Priority priority) => priority.ToWire();

    private struct Overdue
    {
        public long Released, ReleasedLate, Open, OpenPastDue;
        public readonly OverdueCounts View => new(Released, ReleasedLate, Open, OpenPastDue);
    }

    private struct Positivity
    {
        public long Tubes, Positive, People, PeopleInPositiveTubes;
    }
}
