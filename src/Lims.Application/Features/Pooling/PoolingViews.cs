using System.Text.Json.Serialization;
using Lims.Domain.Common;
using Lims.Domain.Pools.Characteristics;

namespace Lims.Application.Features.Pooling;

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
        r.Design.Strategy.ToWire(), r.Design.Size,
        r.Design.Strategy == PoolingStrategy.ThreeStage ? r.Design.Stages : null,
        r.ExpectedTests, r.ExpectedTestsPerIndividual, r.Pse, r.Psp, r.Ppv, r.Npv);
}

/// <summary>The best design first, and every candidate from best to worst.</summary>
public sealed record PoolOptimizationView(PoolEvaluationView Best, IReadOnlyList<PoolEvaluationView> Candidates)
{
    public static PoolOptimizationView From(PoolingPlan plan) =>
        new(PoolEvaluationView.From(plan.Best), [.. plan.Candidates.Select(PoolEvaluationView.From)]);
}

/// <summary>A maximum-likelihood prevalence with its 95 % interval.</summary>
public sealed record PrevalenceView(double Estimate, double Lower, double Upper)
{
    public static PrevalenceView From(PrevalenceEstimate e) => new(e.Estimate, e.Lower, e.Upper);
}

/// <summary>The words of a pooling request's strategies.</summary>
internal static class StrategyNames
{
    public const string Pooled = "dorfman, three-stage, array or array-master";

    public static string Unknown(string? name) => $"Unknown pooling strategy '{name}': use {Pooled}.";
}
