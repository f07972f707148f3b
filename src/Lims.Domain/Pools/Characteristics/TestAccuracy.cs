using System.Globalization;
using Lims.Domain.Common;

namespace Lims.Domain.Pools.Characteristics;

/// <summary>
/// The assay's sensitivity and specificity: one value for every stage, or one per stage in the order the tests are run
/// (see <see cref="PoolingStrategies.StageCount"/>). Each lies in (0, 1]: a test that never detects (or never clears)
/// anything gives no predictive values.
/// </summary>
public sealed class TestAccuracy
{
    private readonly double[] _sensitivity;
    private readonly double[] _specificity;

    private TestAccuracy(double[] sensitivity, double[] specificity)
    {
        _sensitivity = sensitivity;
        _specificity = specificity;
    }

    public IReadOnlyList<double> Sensitivity => _sensitivity;

    public IReadOnlyList<double> Specificity => _specificity;

    /// <summary>The same sensitivity and specificity at every stage.</summary>
    public static TestAccuracy Of(double sensitivity, double specificity) => PerStage([sensitivity], [specificity]);

    /// <summary>One value, or one per stage, for each of sensitivity and specificity (their counts may differ: 0.99 and 0.98,0.98,0.995).</summary>
    public static TestAccuracy PerStage(IReadOnlyList<double> sensitivity, IReadOnlyList<double> specificity)
    {
        ArgumentNullException.ThrowIfNull(sensitivity);
        ArgumentNullException.ThrowIfNull(specificity);
        return new TestAccuracy(Checked(sensitivity, "se", "sensitivity"), Checked(specificity, "sp", "specificity"));
    }

    /// <summary>Refuses a count of values that fits neither one value nor one per stage of <paramref name="strategy"/>.</summary>
    public void RequireFits(PoolingStrategy strategy)
    {
        var stages = PoolingStrategies.StageCount(strategy);
        RequireFits(_sensitivity.Length, stages, strategy, "se", "sensitivity");
        RequireFits(_specificity.Length, stages, strategy, "sp", "specificity");
    }

    /// <summary>The sensitivity at a stage (0-based); a single value holds for every stage.</summary>
    public double SensitivityAt(int stage) => _sensitivity.Length == 1 ? _sensitivity[0] : _sensitivity[stage];

    /// <summary>The specificity at a stage (0-based); a single value holds for every stage.</summary>
    public double SpecificityAt(int stage) => _specificity.Length == 1 ? _specificity[0] : _specificity[stage];

    private static double[] Checked(IReadOnlyList<double> values, string field, string name)
    {
        if (values.Count is 0 or > 3)
            throw new PoolingInputException("invalid-accuracy", field, $"Give one {name} for every stage, or one per stage (at most 3); got {values.Count}.");
        var copy = new double[values.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            var value = values[i];
            if (!(value > 0 && value <= 1))
                throw new PoolingInputException("invalid-accuracy", field,
                    $"A {name} lies in (0, 1]; got {value.ToString(CultureInfo.InvariantCulture)}.");
            copy[i] = value;
        }
        return copy;
    }

    private static void RequireFits(int count, int stages, PoolingStrategy strategy, string field, string name)
    {
        if (count != 1 && count != stages)
            throw new PoolingInputException("invalid-accuracy", field,
                $"{strategy.ToWire()} has {stages} stage{(stages == 1 ? "" : "s")}: give one {name} for all of them or {stages}; got {count}.");
    }
}
