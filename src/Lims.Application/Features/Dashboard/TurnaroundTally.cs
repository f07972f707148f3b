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

    /// <param name="recall">The tube is a single tube a recall ordered for a member of a positive pool.</param>
    public void Add(Priority priority, TubeStatus status, TubeCall? call, string site, int memberCount, DateTimeOffset dueAt, in StageTimes times,
        TubeKind kind, bool recall)
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
            line.Add(call == TubeCall.Positive, kind == TubeKind.Pooled, recall, memberCount);
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
            .Select(e => e.Value.View(e.Key.Site, e.Key.Day))
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

    /// <summary>
    /// One site and day. Collection tubes (single and pooled) give the tube and pool positivity; recall tubes are counted
    /// apart. Every person is counted once, where their own result comes from: a negative pool's members, a single tube's
    /// person, a recall tube's member; a positive pool's members count through their recall tubes.
    /// </summary>
    private struct Positivity
    {
        public long Tubes, Positive, People, PeopleInPositiveTubes, Pools, PositivePools, Persons, PositivePersons, InPositivePools, RecallTubes, PositiveRecallTubes;

        public void Add(bool positive, bool pooled, bool recall, int people)
        {
            var positives = positive ? 1 : 0;
            if (recall)
            {
                RecallTubes++;
                PositiveRecallTubes += positives;
            }
            else
            {
                Tubes++;
                Positive += positives;
                People += people;
                if (positive) PeopleInPositiveTubes += people;
                if (pooled)
                {
                    Pools++;
                    PositivePools += positives;
                }
            }
            if (pooled && positive)
            {
                InPositivePools += people;
                return;
            }
            Persons += people;
            if (positive) PositivePersons += people;
        }

        public readonly PositivityView View(string site, DateOnly day) => new(
            site, day, Tubes, Positive, Rate(Positive, Tubes), People, PeopleInPositiveTubes,
            new PoolPositivityView(Pools, PositivePools, Rate(PositivePools, Pools)),
            new PersonPositivityView(Persons, PositivePersons, Rate(PositivePersons, Persons), InPositivePools),
            new RecallPositivityView(RecallTubes, PositiveRecallTubes, Rate(PositiveRecallTubes, RecallTubes)));

        private static double? Rate(long positive, long of) => of == 0 ? null : (double)positive / of;
    }
}
