using Lims.Application.Abstractions;
using Lims.Domain.Tubes;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Pooling;

/// <summary>
/// The prevalence behind the collection pools' results, per site, day of collection (UTC) and pool size: the
/// maximum-likelihood estimate with its 95 % interval, from pooled tubes with a positive or negative call. With
/// <paramref name="Se"/> and <paramref name="Sp"/>, each line also carries the planner's best design for that estimate,
/// so the pooling follows positivity as it moves. The pool size is the tube's capacity (collection tubes are filled).
/// </summary>
public sealed record GetObservedPrevalence(DateOnly From, DateOnly To, string? Site, double? Se, double? Sp) : IQuery<IReadOnlyList<ObservedPrevalenceView>>;

public sealed record ObservedPrevalenceView(string Site, DateOnly Day, int PoolSize, int Pools, int Positive, PrevalenceView Prevalence, PoolEvaluationView? Plan);

public sealed class GetObservedPrevalenceHandler(ILimsDbContext db) : IQueryHandler<GetObservedPrevalence, IReadOnlyList<ObservedPrevalenceView>>
{
    public const int MaxDays = 31;

    public async ValueTask<IReadOnlyList<ObservedPrevalenceView>> Handle(GetObservedPrevalence query, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (query.To < query.From) errors["to"] = ["The last day comes on or after the first."];
        else if (query.To.DayNumber - query.From.DayNumber + 1 > MaxDays) errors["to"] = [$"Ask for at most {MaxDays} days at a time."];
        if (query.Se is null != query.Sp is null) errors[query.Se is null ? "se" : "sp"] = ["Give both se and sp to plan, or neither."];
        if (errors.Count > 0) throw new RequestValidationException(errors);

        var lines = new List<ObservedPrevalenceView>();
        for (var day = query.From; day <= query.To; day = day.AddDays(1))
        {
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var end = start.AddDays(1);
            var tubes = db.Tubes.AsNoTracking().Where(t => t.Kind == TubeKind.Pooled && t.CollectedAt >= start && t.CollectedAt < end
                && (t.Call == TubeCall.Positive || t.Call == TubeCall.Negative));
            if (query.Site is { } site) tubes = tubes.Where(t => t.Site == site);
            var groups = await tubes
                .GroupBy(t => new { t.Site, t.Capacity })
                .Select(g => new { g.Key.Site, g.Key.Capacity, Pools = g.Count(), Positive = g.Count(t => t.Call == TubeCall.Positive) })
                .ToListAsync(cancellationToken);
            foreach (var g in groups.OrderBy(g => g.Site, StringComparer.Ordinal).ThenBy(g => g.Capacity))
            {
                var prevalence = PoolAnalysis.Prevalence(new EstimatePrevalence(g.Pools, g.Positive, g.Capacity));
                var plan = query.Se is { } se && query.Sp is { } sp && prevalence.Estimate is > 0 and < 1
                    ? PoolAnalysis.Optimize(new OptimizePools(prevalence.Estimate, se, sp)).Best
                    : null;
                lines.Add(new ObservedPrevalenceView(g.Site, day, g.Capacity, g.Pools, g.Positive, prevalence, plan));
            }
        }
        return lines;
    }
}
