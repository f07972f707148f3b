using Lims.Domain.Common;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Lims.Application.Abstractions;
using Lims.Domain.Tubes;
using Lims.Domain.Turnaround;
using Mediator;

namespace Lims.Application.Features.Dashboard;

/// <summary>
/// Turnaround of the tubes collected in [<paramref name="From"/>, <paramref name="To"/>): per stage and priority the
/// p50/p90/p95/p99 of the durations (whole seconds, nearest rank), the tubes released late and those still open past
/// their due time, and the positivity per collection site and UTC day of collection.
/// </summary>
public sealed partial record GetTurnaround(DateTimeOffset From, DateTimeOffset To) : IQuery<TurnaroundView>
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(24);
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(31);

    /// <summary>
    /// The query for <c>?from=&amp;to=</c> (ISO 8601 times with their offset): <paramref name="to"/> defaults to now,
    /// <paramref name="from"/> to 24 h before <paramref name="to"/>. A bad time, from after to, or a window over 31 days
    /// is refused with the field named.
    /// </summary>
    public static GetTurnaround FromQueryString(string? from, string? to, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        var end = Parse("to", to, errors) ?? now;
        var start = Parse("from", from, errors) ?? end - DefaultWindow;
        if (errors.Count == 0 && start > end) errors["from"] = ["The window starts on or before its end (to)."];
        else if (errors.Count == 0 && end - start > MaxWindow) errors["to"] = [$"Ask for at most {MaxWindow.TotalDays:0} days at a time."];
        if (errors.Count > 0) throw new RequestValidationException(errors);
        return new GetTurnaround(start, end);
    }

    private static DateTimeOffset? Parse(string field, string? value, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        // An unescaped '+' of the offset reaches us as a space (form encoding of query strings): take it back.
        var text = value.Trim().Replace(' ', '+');
        if (WithOffset().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            return time.ToUniversalTime();
        errors[field] = ["A time with its offset, e.g. 2026-11-23T08:00:00Z or 2026-11-23T16:00:00+08:00."];
        return null;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex WithOffset();
}

/// <param name="AsOf">The time "past due" was judged at (now).</param>
/// <param name="Tubes">Tubes collected in the window.</param>
public sealed record TurnaroundView(
    DateTimeOffset From, DateTimeOffset To, DateTimeOffset AsOf, long Tubes,
    IReadOnlyList<StageTurnaroundView> Stages, OverdueView Overdue, IReadOnlyList<PositivityView> Positivity);

/// <param name="Stage"><c>collected-received</c>, …, <c>reviewed-released</c>, and <c>collected-released</c>: the turnaround.</param>
/// <param name="All">Every priority together.</param>
/// <param name="ByPriority"><c>emergency</c>, <c>routine</c>, <c>screening</c>, each always present.</param>
public sealed record StageTurnaroundView(string Stage, PercentileSummary All, IReadOnlyDictionary<string, PercentileSummary> ByPriority);

public sealed record OverdueView(OverdueCounts All, IReadOnlyDictionary<string, OverdueCounts> ByPriority);

/// <param name="Released">Released tubes.</param>
/// <param name="ReleasedLate">Released after their due time.</param>
/// <param name="Open">Not released, rejected or cancelled: a result is still to come.</param>
/// <param name="OpenPastDue">Open and already past their due time.</param>
public sealed record OverdueCounts(long Released, long ReleasedLate, long Open, long OpenPastDue);

/// <param name="Tubes">Tubes with a positive or negative call (a pooled tube counts once).</param>
/// <param name="Rate">Positive / tubes.</param>
/// <param name="People">People in those tubes.</param>
/// <param name="PeopleInPositiveTubes">People in the positive ones (in a pool: to be recalled, not yet positive themselves).</param>
public sealed record PositivityView(string Site, DateOnly Day, long Tubes, long Positive, double Rate, long People, long PeopleInPositiveTubes);

public sealed class GetTurnaroundHandler(ITurnaroundReader reader, TimeProvider time) : IQueryHandler<GetTurnaround, TurnaroundView>
{
    public async ValueTask<TurnaroundView> Handle(GetTurnaround query, CancellationToken cancellationToken)
    {
        var (from, to) = (query.From.ToUniversalTime(), query.To.ToUniversalTime());
        var tally = new TurnaroundTally(time.GetUtcNow());
        foreach (var priority in TurnaroundTally.Priorities)
        {
            // One index range per priority: a tube is due a fixed time after its collection (Tube.Register), so the
            // tubes collected in the window are those of this priority due in the window moved by that time. The
            // existing due_at index serves it, and registration maintains no index for the dashboard.
            var turnaround = priority.Turnaround();
            await reader.ReadAsync(priority, from + turnaround, to + turnaround, from, to, tally, cancellationToken);
        }
        return tally.View(from, to);
    }
}

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
