using System.Globalization;
using System.Text.RegularExpressions;
using FluentValidation;
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
public sealed partial record GetTurnaround(string? From, string? To) : IQuery<TurnaroundView>
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(24);
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(31);

    /// <summary>
    /// The window at <paramref name="now"/>: <c>to</c> defaults to now, <c>from</c> to 24 h before <c>to</c>; null while a
    /// time is not one (<see cref="TryParse"/>).
    /// </summary>
    public (DateTimeOffset From, DateTimeOffset To)? Window(DateTimeOffset now)
    {
        if (!TryParse(From, out var from) || !TryParse(To, out var to)) return null;
        var end = to ?? now;
        return (from ?? end - DefaultWindow, end);
    }

    /// <summary>A blank value is no time (the default); any other is an ISO 8601 time with its offset, taken as UTC.</summary>
    public static bool TryParse(string? value, out DateTimeOffset? time)
    {
        time = null;
        if (string.IsNullOrWhiteSpace(value)) return true;
        // An unescaped '+' of the offset reaches us as a space (form encoding of query strings): take it back.
        var text = value.Trim().Replace(' ', '+');
        if (!WithOffset().IsMatch(text) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) return false;
        time = parsed.ToUniversalTime();
        return true;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex WithOffset();
}

/// <summary>A bad time, <c>from</c> after <c>to</c>, or a window over 31 days is refused with the field named.</summary>
public sealed class GetTurnaroundValidator : AbstractValidator<GetTurnaround>
{
    private const string TimeMessage = "A time with its offset, e.g. 2026-11-23T08:00:00Z or 2026-11-23T16:00:00+08:00.";

    public GetTurnaroundValidator(TimeProvider time)
    {
        RuleFor(q => q.From).Must(f => GetTurnaround.TryParse(f, out _)).WithMessage(TimeMessage).OverridePropertyName("from");
        RuleFor(q => q.To).Must(t => GetTurnaround.TryParse(t, out _)).WithMessage(TimeMessage).OverridePropertyName("to");
        RuleFor(q => q).Must(q => q.Window(time.GetUtcNow()) is not { } w || w.From <= w.To)
            .WithMessage("The window starts on or before its end (to).").OverridePropertyName("from");
        RuleFor(q => q).Must(q => q.Window(time.GetUtcNow()) is not { } w || w.From > w.To || w.To - w.From <= GetTurnaround.MaxWindow)
            .WithMessage($"Ask for at most {GetTurnaround.MaxWindow.TotalDays:0} days at a time.").OverridePropertyName("to");
    }
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

/// <param name="Tubes">Collection tubes with a positive or negative call (a pooled tube counts once; recall tubes are under <paramref name="Recall"/>).</param>
/// <param name="Rate">Positive / tubes; null when only recall tubes were collected that day.</param>
/// <param name="People">People in those tubes.</param>
/// <param name="PeopleInPositiveTubes">People in the positive ones (in a pool: to be recalled, not yet positive themselves).</param>
/// <param name="Pools">The pooled collection tubes among them: the pool positivity.</param>
/// <param name="Persons">The people with a result of their own: the person positivity.</param>
/// <param name="Recall">The single tubes a recall ordered for members of positive pools.</param>
public sealed record PositivityView(
    string Site, DateOnly Day, long Tubes, long Positive, double? Rate, long People, long PeopleInPositiveTubes,
    PoolPositivityView Pools, PersonPositivityView Persons, RecallPositivityView Recall);

/// <param name="Tubes">Pooled collection tubes with a positive or negative call.</param>
/// <param name="Rate">Positive / tubes, null without pools.</param>
public sealed record PoolPositivityView(long Tubes, long Positive, double? Rate);

/// <param name="Tested">People with a result of their own from a tube collected that day: the members of negative pools, the
/// people of single collection tubes and of recall tubes. A positive pool's members count through their recall tubes.</param>
/// <param name="Rate">Positive / tested, null when nobody was.</param>
/// <param name="InPositivePools">Members of that day's positive pools: recalled, their own results counted with their recall tubes.</param>
public sealed record PersonPositivityView(long Tested, long Positive, double? Rate, long InPositivePools);

/// <param name="Tubes">Recall tubes with a positive or negative call.</param>
public sealed record RecallPositivityView(long Tubes, long Positive, double? Rate);

public sealed class GetTurnaroundHandler(ITurnaroundReader reader, TimeProvider time) : IQueryHandler<GetTurnaround, TurnaroundView>
{
    public async ValueTask<TurnaroundView> Handle(GetTurnaround query, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (from, to) = query.Window(now)!.Value;
        var tally = new TurnaroundTally(now);
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
