using FluentValidation;
using Lims.Domain.Pools.Characteristics;
using Mediator;

namespace Lims.Application.Features.Pooling;

/// <summary>
/// Plans pools: the design with the fewest expected tests per person within the dilution cap (<c>maxSize</c>, default
/// 20) among <c>strategies</c> (default all), and the runners-up. A pure computation (no database).
/// </summary>
public sealed record OptimizePooling(
    double? Prevalence, double? Se, double? Sp, int? MaxSize = null, IReadOnlyList<string>? Strategies = null, double? MinPse = null)
    : IQuery<PoolOptimizationView>;

public sealed class OptimizePoolingValidator : AbstractValidator<OptimizePooling>
{
    public OptimizePoolingValidator()
    {
        RuleFor(q => q.Prevalence).NotNull().WithMessage("Give the prevalence, between 0 and 1.").OverridePropertyName("prevalence");
        RuleFor(q => q.Se).NotNull().WithMessage("Give the sensitivity.").OverridePropertyName("se");
        RuleFor(q => q.Sp).NotNull().WithMessage("Give the specificity.").OverridePropertyName("sp");
        RuleFor(q => q.Strategies).Must(s => s is null || s.All(name => PoolingStrategies.Parse(name) is not null))
            .WithMessage(q => StrategyNames.Unknown(q.Strategies!.First(name => PoolingStrategies.Parse(name) is null)))
            .OverridePropertyName("strategies");
    }
}

public sealed class OptimizePoolingHandler : IQueryHandler<OptimizePooling, PoolOptimizationView>
{
    public ValueTask<PoolOptimizationView> Handle(OptimizePooling query, CancellationToken cancellationToken)
    {
        var plan = PoolingPlanner.Plan(new PoolingPlanRequest(
            query.Prevalence!.Value, query.Se!.Value, query.Sp!.Value,
            query.MaxSize ?? PoolingPlanner.DefaultDilutionCap,
            query.Strategies?.Select(s => PoolingStrategies.Parse(s)!.Value).ToArray(),
            query.MinPse));
        return ValueTask.FromResult(PoolOptimizationView.From(plan));
    }
}
