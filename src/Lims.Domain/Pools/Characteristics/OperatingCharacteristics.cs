using System.Globalization;

namespace Lims.Domain.Pools.Characteristics;

/// <summary>
/// What a design costs and how well it classifies, under the standard independence model: every person is positive
/// with the same prevalence p, independently; a pool is truly positive when any member is; each test reads a truly
/// positive pool (or person) positive with its stage's sensitivity and a truly negative one negative with its stage's
/// specificity, independently of every other test given the true statuses (no dilution effect).
/// </summary>
/// <param name="ExpectedTests">Expected tests to decide one round of the design (a pool, or an n × n array).</param>
/// <param name="Pse">Pooling sensitivity: the probability a positive person is called positive.</param>
/// <param name="Psp">Pooling specificity: the probability a negative person is called negative.</param>
/// <param name="Ppv">Pooling positive predictive value: the probability a person called positive is positive.</param>
/// <param name="Npv">Pooling negative predictive value: the probability a person called negative is negative.</param>
public readonly record struct OperatingCharacteristics(
    PoolingScheme Design, double ExpectedTests, double ExpectedTestsPerIndividual, double Pse, double Psp, double Ppv, double Npv);

/// <summary>
/// Operating characteristics of Dorfman, three-stage hierarchical and square array testing (with and without a master
/// pool), after Kim, Hudgens, Dreyfuss, Westreich &amp; Pilcher (2007), "Comparison of group testing algorithms for case
/// identification in the presence of test error", Biometrics 63:1152–1163, in the closed forms these take when every
/// person has the same prevalence. They agree with the R package binGroup2 (<c>opChar1</c>, algorithms D2, D3, A2, A2M);
/// the one known difference is noted at <see cref="ArrayMaster"/>.
/// </summary>
public static class PoolingCharacteristics
{
    public static OperatingCharacteristics Evaluate(PoolingScheme design, double prevalence, TestAccuracy accuracy)
    {
        RequirePrevalence(prevalence);
        ArgumentNullException.ThrowIfNull(accuracy);
        if (design.Size < 1) throw new ArgumentException("The design was not made by one of PoolingScheme's factories.", nameof(design));
        accuracy.RequireFits(design.Strategy);

        var q = 1 - prevalence;
        var (tests, pse, psp) = design.Strategy switch
        {
            PoolingStrategy.Individual => (1.0, accuracy.SensitivityAt(0), accuracy.SpecificityAt(0)),
            PoolingStrategy.Dorfman => Dorfman(design.Size, q, accuracy),
            PoolingStrategy.ThreeStage => ThreeStage(design.Size, design.SubpoolSize, q, accuracy),
            PoolingStrategy.Array => Array(design.Size, q, accuracy, stage: 0).Measures,
            PoolingStrategy.ArrayMaster => ArrayMaster(design.Size, q, accuracy),
        };

        var individuals = (double)design.Individuals;
        var truePositive = prevalence * pse;
        var trueNegative = q * psp;
        return new OperatingCharacteristics(design, tests, tests / individuals, pse, psp,
            Ppv: truePositive / (truePositive + q * (1 - psp)),
            Npv: trueNegative / (trueNegative + prevalence * (1 - pse)));
    }

    /// <summary>Refuses a prevalence outside (0, 1): at 0 or 1 there is nothing to find out.</summary>
    public static void RequirePrevalence(double prevalence)
    {
        if (!(prevalence > 0 && prevalence < 1))
            throw new PoolingInputException("invalid-prevalence", "prevalence",
                $"The prevalence lies strictly between 0 and 1; got {prevalence.ToString(CultureInfo.InvariantCulture)}.");
    }

    /// <summary>
    /// Pool of k; if it reads positive, each member alone. E[T] = 1 + k·(Se₁(1 − qᵏ) + (1 − Sp₁)qᵏ); PSe = Se₁Se₂;
    /// 1 − PSp = (1 − Sp₂)((1 − Sp₁)qᵏ⁻¹ + Se₁(1 − qᵏ⁻¹)), the pool of a negative person being positive only through the other k − 1.
    /// </summary>
    private static (double Tests, double Pse, double Psp) Dorfman(int k, double q, TestAccuracy accuracy)
    {
        var (se1, sp1) = (accuracy.SensitivityAt(0), accuracy.SpecificityAt(0));
        var (se2, sp2) = (accuracy.SensitivityAt(1), accuracy.SpecificityAt(1));
        var allNegative = Math.Pow(q, k);
        var othersNegative = Math.Pow(q, k - 1);
        var tests = 1 + k * (se1 * (1 - allNegative) + (1 - sp1) * allNegative);
        var falsePositive = (1 - sp2) * ((1 - sp1) * othersNegative + se1 * (1 - othersNegative));
        return (tests, se1 * se2, 1 - falsePositive);
    }

    /// <summary>
    /// Pool of s₁ → s₁/s₂ pools of s₂ → individuals. A sub-pool is tested when the big pool reads positive; its members
    /// when it reads positive too: per sub-pool s₂·((1 − Sp₁)(1 − Sp₂)q^s₁ + Se₁(1 − Sp₂)(q^s₂ − q^s₁) + Se₁Se₂(1 − q^s₂)).
    /// PSe = Se₁Se₂Se₃; a negative person is called positive through (in turn) nobody, the rest of the big pool, or the
    /// rest of its sub-pool being positive.
    /// </summary>
    private static (double Tests, double Pse, double Psp) ThreeStage(int s1, int s2, double q, TestAccuracy accuracy)
    {
        var (se1, sp1) = (accuracy.SensitivityAt(0), accuracy.SpecificityAt(0));
        var (se2, sp2) = (accuracy.SensitivityAt(1), accuracy.SpecificityAt(1));
        var (se3, sp3) = (accuracy.SensitivityAt(2), accuracy.SpecificityAt(2));
        var subpools = s1 / s2;
        var poolNegative = Math.Pow(q, s1);
        var subpoolNegative = Math.Pow(q, s2);
        var subpoolTests = subpools * (se1 * (1 - poolNegative) + (1 - sp1) * poolNegative);
        var individualTests = subpools * s2 * ((1 - sp1) * (1 - sp2) * poolNegative
            + se1 * (1 - sp2) * (subpoolNegative - poolNegative)
            + se1 * se2 * (1 - subpoolNegative));

        var othersInPoolNegative = Math.Pow(q, s1 - 1);
        var othersInSubpoolNegative = Math.Pow(q, s2 - 1);
        var falsePositive = (1 - sp1) * (1 - sp2) * (1 - sp3) * othersInPoolNegative
            + se1 * (1 - sp2) * (1 - sp3) * (othersInSubpoolNegative - othersInPoolNegative)
            + se1 * se2 * (1 - sp3) * (1 - othersInSubpoolNegative);
        return (1 + subpoolTests + individualTests, se1 * se2 * se3, 1 - falsePositive);
    }

    /// <summary>
    /// Square n × n array: n row and n column pools; a person is then tested alone when their row and column both read
    /// positive, or their row does and no column does, or their column does and no row does (Kim et al. 2007).
    /// Row/column tests use stage <paramref name="stage"/>, individual tests the next.
    /// </summary>
    /// <returns>The measures, and the probability a negative person is tested alone (for the master-pool variant).</returns>
    private static ((double Tests, double Pse, double Psp) Measures, double NegativeTested) Array(int n, double q, TestAccuracy accuracy, int stage)
    {
        var (se, sp) = (accuracy.SensitivityAt(stage), accuracy.SpecificityAt(stage));
        var (seIndividual, spIndividual) = (accuracy.SensitivityAt(stage + 1), accuracy.SpecificityAt(stage + 1));
        var d = se + sp - 1;
        var lineNegative = Math.Pow(q, n);
        var lineOthersNegative = Math.Pow(q, n - 1);
        // P(a row reads negative); the same given one known-negative cell in the row.
        var readsNegative = 1 - se + d * lineNegative;
        var readsNegativeGivenCell = 1 - se + d * lineOthersNegative;

        // Any one person: P(no row reads positive, their column does), by symmetry also P(their row does, no column does).
        var onlyColumn = se * Math.Pow(readsNegative, n) - d * lineNegative * Math.Pow(readsNegativeGivenCell, n);
        // P(their row and their column both read positive): the two share only this person.
        var both = se * se - 2 * se * d * lineNegative + d * d * lineNegative * lineOthersNegative;
        var tests = 2.0 * n + (double)n * n * (2 * onlyColumn + both);

        var pse = seIndividual * (se * se + 2 * se * (1 - se) * Math.Pow(readsNegative, n - 1));

        // The same probabilities for a person known to be negative.
        var onlyColumnGivenNegative = se * Math.Pow(readsNegative, n - 1) * readsNegativeGivenCell
            - d * lineOthersNegative * Math.Pow(readsNegativeGivenCell, n);
        var bothGivenNegative = (se - d * lineOthersNegative) * (se - d * lineOthersNegative);
        var negativeTested = 2 * onlyColumnGivenNegative + bothGivenNegative;
        return ((tests, pse, 1 - (1 - spIndividual) * negativeTested), negativeTested);
    }

    /// <summary>
    /// The whole array is tested first; only a positive master pool goes on to the array. With everyone negative the master
    /// reads positive with 1 − Sp_m instead of Se_m, so every quantity is Se_m × (the array's) − (Se_m + Sp_m − 1) × (its
    /// all-negative part): E[T] = 1 + Se_m·E[T_A] − d_m·q^(n²)·(2n + n²·t₀), 1 − PSp = (1 − Sp_I)(Se_m·t − d_m·q^(n²−1)·t₀),
    /// where t₀ = (1 − Sp_rc)² + 2(1 − Sp_rc)Sp_rcⁿ is the chance a person of an all-negative array is tested alone.
    /// </summary>
    /// <remarks>
    /// binGroup2 (1.3.x, <c>mu.y()</c> in arrayMasterFunctions.R) takes the row/column specificity for the master pool's
    /// false-positive rate in one term of PSp. That changes nothing when the master pool and the rows/columns share a
    /// specificity (a single Sp, or Sp = c(a, a, b)); otherwise PSp, PPV and NPV here differ from binGroup2's, and these
    /// are the ones an exhaustive enumeration of the model gives (see the tests).
    /// </remarks>
    private static (double Tests, double Pse, double Psp) ArrayMaster(int n, double q, TestAccuracy accuracy)
    {
        var (seMaster, spMaster) = (accuracy.SensitivityAt(0), accuracy.SpecificityAt(0));
        var spLine = accuracy.SpecificityAt(1);
        var spIndividual = accuracy.SpecificityAt(2);
        var dMaster = seMaster + spMaster - 1;
        var ((arrayTests, arrayPse, _), negativeTested) = Array(n, q, accuracy, stage: 1);
        var cells = (double)n * n;
        var testedWhenAllNegative = (1 - spLine) * (1 - spLine) + 2 * (1 - spLine) * Math.Pow(spLine, n);

        var tests = 1 + seMaster * arrayTests - dMaster * Math.Pow(q, cells) * (2.0 * n + cells * testedWhenAllNegative);
        var falsePositive = (1 - spIndividual) * (seMaster * negativeTested - dMaster * Math.Pow(q, cells - 1) * testedWhenAllNegative);
        return (tests, seMaster * arrayPse, 1 - falsePositive);
    }
}
