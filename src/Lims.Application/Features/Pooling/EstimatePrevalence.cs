using FluentValidation;
using Lims.Domain.Pools.Characteristics;
using Mediator;

namespace Lims.Application.Features.Pooling;

/// <summary>The prevalence behind <c>positive</c> of <c>pools</c> pools of <c>size</c> swabs. A pure computation (no database).</summary>
public sealed record EstimatePrevalence(int? Pools, int? Positive, int? Size) : IQuery<PrevalenceView>;

public sealed class EstimatePrevalenceValidator : AbstractValidator<EstimatePrevalence>
{
    public EstimatePrevalenceValidator()
    {
        RuleFor(q => q.Pools).NotNull().WithMessage("Give the number of pools.").OverridePropertyName("pools");
        RuleFor(q => q.Positive).NotNull().WithMessage("Give the number of positive pools.").OverridePropertyName("positive");
        RuleFor(q => q.Size).NotNull().WithMessage("Give the pool size.").OverridePropertyName("size");
    }
}

public sealed class EstimatePrevalenceHandler : IQueryHandler<EstimatePrevalence, PrevalenceView>
{
    public ValueTask<PrevalenceView> Handle(EstimatePrevalence query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(PrevalenceView.From(PrevalenceEstimator.FromPools(query.Pools!.Value, query.Positive!.Value, query.Size!.Value)));
}
