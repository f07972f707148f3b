using BenchmarkDotNet.Attributes;
using Lims.Domain.Pools.Characteristics;

namespace Lims.Benchmarks;

/// <summary>
/// The pooling planner: every design of every strategy within the dilution cap evaluated and ranked. The baseline is one
/// evaluation of a three-stage design, so the ratio reads as "evaluations' worth".
/// </summary>
[Config(typeof(ShortInProcessConfig))]
public class PoolingBenchmarks
{
    private static readonly TestAccuracy Accuracy = TestAccuracy.Of(0.99, 0.99);

    [Params(20, 100)]
    public int Cap { get; set; }

    [Benchmark(Baseline = true, Description = "evaluate one design (three-stage 20,5,1)")]
    public double Evaluate() => PoolingCharacteristics.Evaluate(PoolingScheme.ThreeStage(20, 5), 0.01, Accuracy).ExpectedTestsPerIndividual;

    [Benchmark(Description = "plan: all strategies within the cap, ranked")]
    public int Plan() => PoolingPlanner.Plan(new PoolingPlanRequest(0.01, 0.99, 0.99, Cap)).Candidates.Count;
}
