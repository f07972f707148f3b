using FluentValidation;
using Lims.Domain.Pools.Characteristics;
using Mediator;

namespace Lims.Application.Features.Pooling;

/// <summary>
/// One pooling design's operating characteristics: <c>size</c> is the first-stage pool, or the row length of a square
/// array; any size, no dilution cap. A pure computation (no database); an input out of its range is the domain's
/// <see cref="PoolingInputException"/>, naming the field.
/// </summary>
/// <param name="Stages">Three-stage only: the stage sizes, e.g. 25, 5, 1.</param>
/// <param name="Se">One sensitivity for every stage, or one per stage.</param>
/// <param name="Sp">One specificity for every stage, or one per stage.</param>
public sealed record EvaluatePoolingScheme(
    string? Strategy, int? Size, IReadOnlyList<int>? Stages, double? Prevalence, IReadOnlyList<double>? Se, IReadOnlyList<double>? Sp)
    : IQuery<PoolEvaluationView>;

public sealed class EvaluatePoolingSchemeValidator : AbstractValidator<EvaluatePoolingScheme>
{
    public EvaluatePoolingSchemeValidator()
    {
        RuleFor(q => q.Strategy).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage($"Give the strategy: {StrategyNames.Pooled}.")
            .Must(s => PoolingStrategies.Parse(s) is not null).WithMessage(q => StrategyNames.Unknown(q.Strategy))
            .OverridePropertyName("strategy");
        RuleFor(q => q.Se).NotNull().WithMessage("Give the sensitivity: one value, or one per stage.").OverridePropertyName("se");
        RuleFor(q => q.Sp).NotNull().WithMessage("Give the specificity: one value, or one per stage.").OverridePropertyName("sp");
        RuleFor(q => q.Prevalence).NotNull().WithMessage("Give the prevalence, between 0 and 1.").OverridePropertyName("prevalence");
    }
}

public sealed class EvaluatePoolingSchemeHandler : IQueryHandler<EvaluatePoolingScheme, PoolEvaluationView>
{
    public ValueTask<PoolEvaluationView> Handle(EvaluatePoolingScheme query, CancellationToken cancellationToken)
    {
        var design = PoolingScheme.Create(PoolingStrategies.Parse(query.Strategy)!.Value, query.Size, query.Stages);
        var accuracy = TestAccuracy.PerStage(query.Se!, query.Sp!);
        return ValueTask.FromResult(PoolEvaluationView.From(PoolingCharacteristics.Evaluate(design, query.Prevalence!.Value, accuracy)));
    }
}
