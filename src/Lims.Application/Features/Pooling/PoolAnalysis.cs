using System.Text.Json.Serialization;
using Lims.Application.Abstractions;
using Lims.Domain.Pools.Characteristics;

namespace Lims.Application.Features.Pooling;

/// <summary>Evaluate one pooling design: <c>size</c> is the first-stage pool, or the row length of a square array.</summary>
/// <param name="Stages">Three-stage only: the stage sizes, e.g. 25, 5, 1.</param>
/// <param name="Se">One sensitivity for every stage, or one per stage.</param>
/// <param name="Sp">One specificity for every stage, or one per stage.</param>
public sealed record EvaluatePool(
    string? Strategy, int? Size, IReadOnlyList<int>? Stages, double? Prevalence, IReadOnlyList<double>? Se, IReadOnlyList<double>? Sp);

/// <summary>Plan pools: the best design within the dilution cap (<c>maxSize</c>, default 20) among <c>strategies</c> (default all).</summary>
public sealed record OptimizePools(
    double? Prevalence, double? Se, double? Sp, int? MaxSize = null, IReadOnlyList<string>? Strategies = null, double? MinPse = null);

/// <summary>Estimate the prevalence from <c>positive</c> of <c>pools</c> pools of <c>size</c> swabs.</summary>
public sealed record EstimatePrevalence(int? Pools, int? Positive, int? Size);

/// <summary>A design's operating characteristics as the CLI and the API answer them.</summary>
public sealed record PoolEvaluationView(
    string Strategy,
    int Size,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<int>? Stages,
    double ExpectedTests,
    double ExpectedTestsPerIndividual,
    double Pse,
    double Psp,
    double Ppv,
    double Npv)
{
    public static PoolEvaluationView From(OperatingCharacteristics r) => new(
        PoolingStrategies.Name(r.Design.Strategy), r.Design.Size,
        r.Design.Strategy == PoolingStrategy.ThreeStage ? r.Design.Stages : null,
        r.ExpectedTests, r.ExpectedTestsPerIndividual, r.Pse, r.Psp, r.Ppv, r.Npv);
}

public sealed record PoolOptimizationView(PoolEvaluationView Best, IReadOnlyList<PoolEvaluationView> Candidates);

public sealed record PrevalenceView(double Estimate, double Lower, double Upper);

/// <summary>
/// Pooling analysis for the command line and the API: pure computations in the domain, no database. Bad or missing
/// input is a <see cref="RequestValidationException"/> naming the field (400 on HTTP, exit code 2 on the CLI).
/// </summary>
public static class PoolAnalysis
{
    public static PoolEvaluationView Evaluate(EvaluatePool request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Refusing(() =>
        {
            var strategy = PoolingStrategies.Require(Required(request.Strategy, "strategy", "Give the strategy: dorfman, three-stage, array or array-master."));
            var design = PoolingDesign.Create(strategy, request.Size, request.Stages);
            var accuracy = TestAccuracy.PerStage(
                Required(request.Se, "se", "Give the sensitivity: one value, or one per stage."),
                Required(request.Sp, "sp", "Give the specificity: one value, or one per stage."));
            var prevalence = Required(request.Prevalence, "prevalence", "Give the prevalence, between 0 and 1.");
            return PoolEvaluationView.From(PoolingCharacteristics.Evaluate(design, prevalence, accuracy));
        });
    }

    public static PoolOptimizationView Optimize(OptimizePools request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Refusing(() =>
        {
            var strategies = request.Strategies?.Select(s => PoolingStrategies.Require(s, "strategies")).ToArray();
            var plan = PoolingPlanner.Plan(new PoolingPlanRequest(
                Required(request.Prevalence, "prevalence", "Give the prevalence, between 0 and 1."),
                Required(request.Se, "se", "Give the sensitivity."),
                Required(request.Sp, "sp", "Give the specificity."),
                request.MaxSize ?? PoolingPlanner.DefaultDilutionCap,
                strategies,
                request.MinPse));
            return new PoolOptimizationView(PoolEvaluationView.From(plan.Best), [.. plan.Candidates.Select(PoolEvaluationView.From)]);
        });
    }

    public static PrevalenceView Prevalence(EstimatePrevalence request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Refusing(() =>
        {
            var estimate = PrevalenceEstimator.FromPools(
                Required(request.Pools, "pools", "Give the number of pools."),
                Required(request.Positive, "positive", "Give the number of positive pools."),
                Required(request.Size, "size", "Give the pool size."));
            return new PrevalenceView(estimate.Estimate, estimate.Lower, estimate.Upper);
        });
    }

    private static T Refusing<T>(Func<T> compute)
    {
        try
        {
            return compute();
        }
        catch (PoolingInputException e)
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { [e.Field] = [e.Message] });
        }
    }

    private static T Required<T>(T? value, string field, string message) where T : class =>
        value ?? throw new PoolingInputException("missing-input", field, message);

    private static T Required<T>(T? value, string field, string message) where T : struct =>
        value ?? throw new PoolingInputException("missing-input", field, message);
}
