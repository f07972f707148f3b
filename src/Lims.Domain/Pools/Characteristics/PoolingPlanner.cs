using System.Globalization;

namespace Lims.Domain.Pools.Characteristics;

/// <summary>What to plan for: the current prevalence, the assay, the dilution cap and which strategies the lab runs.</summary>
/// <param name="MaxPoolSize">The dilution cap: the most swabs behind one PCR reaction (<see cref="PoolingScheme.LargestPool"/>).</param>
/// <param name="Strategies">The pooled strategies to consider; null or empty for all. Individual testing is always a candidate.</param>
/// <param name="MinimumPse">When set, designs with a lower pooling sensitivity are left out.</param>
public sealed record PoolingPlanRequest(
    double Prevalence,
    double Sensitivity,
    double Specificity,
    int MaxPoolSize = PoolingPlanner.DefaultDilutionCap,
    IReadOnlyCollection<PoolingStrategy>? Strategies = null,
    double? MinimumPse = null);

/// <summary>The design with the fewest expected tests per person, and every candidate from best to worst (the best first).</summary>
public sealed record PoolingPlan(OperatingCharacteristics Best, IReadOnlyList<OperatingCharacteristics> Candidates);

/// <summary>
/// Chooses a design for the current prevalence: every size of every allowed strategy whose largest pool fits the
/// dilution cap (Dorfman k ≤ cap; three-stage s₁ ≤ cap with every s₂ that divides s₁, 1 &lt; s₂ &lt; s₁; arrays with rows of
/// n ≤ cap; with a master pool, n² ≤ cap, since the master pool is itself one reaction of n² swabs), plus individual
/// testing, ranked by expected tests per person. Ties go to the higher pooling sensitivity, then the simpler strategy
/// (<see cref="PoolingStrategy"/> order), then the smaller pools, so the same request always gets the same answer.
/// </summary>
public static class PoolingPlanner
{
    /// <summary>At most 20 swabs behind one PCR reaction unless the lab says otherwise.</summary>
    public const int DefaultDilutionCap = 20;

    /// <summary>The largest cap the planner searches up to (a few thousand designs); evaluation has no limit.</summary>
    public const int MaxDilutionCap = 1000;

    private const double Tolerance = 1e-12;

    private static readonly PoolingStrategy[] Pooled =
        [PoolingStrategy.Dorfman, PoolingStrategy.ThreeStage, PoolingStrategy.Array, PoolingStrategy.ArrayMaster];

    public static PoolingPlan Plan(PoolingPlanRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        PoolingCharacteristics.RequirePrevalence(request.Prevalence);
        var accuracy = TestAccuracy.Of(request.Sensitivity, request.Specificity);
        var cap = request.MaxPoolSize;
        if (cap is < 2 or > MaxDilutionCap)
            throw new PoolingInputException("invalid-dilution-cap", "maxSize",
                $"The dilution cap (most swabs behind one reaction) is between 2 and {MaxDilutionCap}; got {cap}.");
        if (request.MinimumPse is { } floor && !(floor > 0 && floor <= 1))
            throw new PoolingInputException("invalid-minimum-pse", "minPse",
                $"A minimum pooling sensitivity lies in (0, 1]; got {floor.ToString(CultureInfo.InvariantCulture)}.");

        var allowed = request.Strategies is { Count: > 0 } strategies ? strategies : Pooled;
        var candidates = new List<OperatingCharacteristics>(4 * cap + 1);
        Consider(PoolingScheme.Individual);
        foreach (var strategy in Pooled)
        {
            if (!allowed.Contains(strategy)) continue;
            switch (strategy)
            {
                case PoolingStrategy.Dorfman:
                    for (var k = 2; k <= cap; k++) Consider(PoolingScheme.Dorfman(k));
                    break;
                case PoolingStrategy.ThreeStage:
                    for (var s1 = 4; s1 <= cap; s1++)
                    {
                        for (var s2 = 2; s2 <= s1 / 2; s2++)
                            if (s1 % s2 == 0) Consider(PoolingScheme.ThreeStage(s1, s2));
                    }
                    break;
                case PoolingStrategy.Array:
                    for (var n = 2; n <= cap; n++) Consider(PoolingScheme.Array(n));
                    break;
                case PoolingStrategy.ArrayMaster:
                    for (var n = 2; (long)n * n <= cap; n++) Consider(PoolingScheme.ArrayMaster(n));
                    break;
                case PoolingStrategy.Individual:
                    break;
            }
        }

        if (candidates.Count == 0)
            throw new PoolingInputException("minimum-pse-unreachable", "minPse",
                $"No design reaches a pooling sensitivity of {request.MinimumPse!.Value.ToString(CultureInfo.InvariantCulture)}: "
                + $"even testing everyone alone gives the assay's {request.Sensitivity.ToString(CultureInfo.InvariantCulture)}.");
        candidates.Sort(Compare);
        return new PoolingPlan(candidates[0], candidates);

        void Consider(PoolingScheme design)
        {
            var result = PoolingCharacteristics.Evaluate(design, request.Prevalence, accuracy);
            if (request.MinimumPse is { } minimum && result.Pse + Tolerance < minimum) return;
            candidates.Add(result);
        }
    }

    private static int Compare(OperatingCharacteristics a, OperatingCharacteristics b)
    {
        var order = a.ExpectedTestsPerIndividual.CompareTo(b.ExpectedTestsPerIndividual);
        if (order == 0) order = b.Pse.CompareTo(a.Pse);
        if (order == 0) order = a.Design.Strategy.CompareTo(b.Design.Strategy);
        if (order == 0) order = a.Design.Size.CompareTo(b.Design.Size);
        if (order == 0) order = a.Design.SubpoolSize.CompareTo(b.Design.SubpoolSize);
        return order;
    }
}
