using FluentValidation;
using Lims.Application.Abstractions;
using Lims.Domain.Pools.Characteristics;
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
public sealed record GetObservedPrevalence(DateOnly From, DateOnly To, string? Site, double? Se, double? Sp) : IQuery<IReadOnlyList<ObservedPrevalenceView>>
{
    public const int MaxDays = 31;
}

public sealed record ObservedPrevalenceView(string Site, DateOnly Day, int PoolSize, int Pools, int Positive, PrevalenceView Prevalence, PoolEvaluationView? Plan);

public sealed class GetObservedPrevalenceValidator : AbstractValidator<GetObservedPrevalence>
{
    public GetObservedPrevalenceValidator()
    {
        RuleFor(q => q.To).Cascade(CascadeMode.Stop)
            .Must((q, to) => to >= q.From).WithMessage("The last day comes on or after the first.")
            .Must((q, to) => to.DayNumber - q.From.DayNumber + 1 <= GetObservedPrevalence.MaxDays)
            .WithMessage($"Ask for at most {GetObservedPrevalence.MaxDays} days at a time.")
            .OverridePropertyName("to");
        RuleFor(q => q.Se).NotNull().When(q => q.Sp is not null).WithMessage("Give both se and sp to plan, or neither.").OverridePropertyName("se");
        RuleFor(q => q.Sp).NotNull().When(q => q.Se is not null).WithMessage("Give both se and sp to plan, or neither.").OverridePropertyName("sp");
    }
}

public sealed class GetObservedPrevalenceHandler(ILimsDbContext db) : IQueryHandler<GetObservedPrevalence, IReadOnlyList<ObservedPrevalenceView>>
{
    public async ValueTask<IReadOnlyList<ObservedPrevalenceView>> Handle(GetObservedPrevalence query, CancellationToken cancellationToken)
    {
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
                var prevalence = PrevalenceEstimator.FromPools(g.Pools, g.Positive, g.Capacity);
                var plan = query.Se is { } se && query.Sp is { } sp && prevalence.Estimate is > 0 and < 1
                    ? PoolEvaluationView.From(PoolingPlanner.Plan(new PoolingPlanRequest(prevalence.Estimate, se, sp)).Best)
                    : null;
                lines.Add(new ObservedPrevalenceView(g.Site, day, g.Capacity, g.Pools, g.Positive, PrevalenceView.From(prevalence), plan));
            }
        }
        return lines;
    }
}
