using System.Globalization;

namespace Lims.Domain.Pools.Characteristics;

/// <summary>A prevalence estimated from pool results, with its confidence interval.</summary>
public readonly record struct PrevalenceEstimate(double Estimate, double Lower, double Upper);

/// <summary>
/// The prevalence behind N pools of k swabs of which X read positive. A pool is negative when all k are, so the pool
/// positivity θ = 1 − (1 − p)ᵏ, and p = 1 − (1 − θ)^(1/k) is increasing in θ: the maximum-likelihood estimate is
/// p̂ = 1 − (1 − X/N)^(1/k), and the interval is the exact Clopper–Pearson interval for θ carried through the same
/// function (Thompson 1962; binGroup2's <c>propCI</c>). Tests are taken as perfect here.
/// </summary>
public static class PrevalenceEstimator
{
    public static PrevalenceEstimate FromPools(int pools, int positive, int poolSize, double confidence = 0.95)
    {
        if (pools < 1)
            throw new PoolingInputException("invalid-pool-count", "pools", $"Give at least one pool; got {pools}.");
        if (positive < 0 || positive > pools)
            throw new PoolingInputException("invalid-positive-count", "positive",
                $"The positive pools are between 0 and the {pools} pools; got {positive}.");
        if (poolSize < 1)
            throw new PoolingInputException("pool-size-too-small", "size", $"A pool holds at least 1 swab; got {poolSize}.");
        if (!(confidence > 0 && confidence < 1))
            throw new PoolingInputException("invalid-confidence", "confidence",
                $"The confidence level lies strictly between 0 and 1; got {confidence.ToString(CultureInfo.InvariantCulture)}.");

        var (lower, upper) = ClopperPearson(positive, pools, confidence);
        return new PrevalenceEstimate(
            FromPoolPositivity((double)positive / pools, poolSize),
            FromPoolPositivity(lower, poolSize),
            FromPoolPositivity(upper, poolSize));
    }

    /// <summary>The exact (Clopper–Pearson) interval for a binomial proportion: x successes of n.</summary>
    public static (double Lower, double Upper) ClopperPearson(int x, int n, double confidence = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(x, n);
        var tail = (1 - confidence) / 2;
        var lower = x == 0 ? 0 : IncompleteBeta.Quantile(tail, x, n - x + 1);
        var upper = x == n ? 1 : IncompleteBeta.Quantile(1 - tail, x + 1, n - x);
        return (lower, upper);
    }

    private static double FromPoolPositivity(double theta, int poolSize) =>
        theta >= 1 ? 1 : 1 - Math.Pow(1 - theta, 1.0 / poolSize);
}

/// <summary>The regularized incomplete beta function I_x(a, b) and its inverse in x, to double precision.</summary>
internal static class IncompleteBeta
{
    /// <summary>I_x(a, b) = P(X ≤ x) for X ~ Beta(a, b).</summary>
    public static double Regularized(double x, double a, double b)
    {
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        var front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x));
        // The continued fraction converges fast on this side of the mean; the symmetry I_x(a,b) = 1 − I_{1−x}(b,a) covers the other.
        return x < (a + 1) / (a + b + 2)
            ? front * ContinuedFraction(x, a, b) / a
            : 1 - front * ContinuedFraction(1 - x, b, a) / b;
    }

    /// <summary>The x with I_x(a, b) = probability, by bisection: I_x is increasing in x, and 100 halvings exhaust a double.</summary>
    public static double Quantile(double probability, double a, double b)
    {
        double low = 0, high = 1;
        for (var i = 0; i < 100 && high - low > 0; i++)
        {
            var middle = low + (high - low) / 2;
            if (middle <= low || middle >= high) break;
            if (Regularized(middle, a, b) < probability) low = middle;
            else high = middle;
        }
        return low + (high - low) / 2;
    }

    /// <summary>Lentz's evaluation of the continued fraction for I_x(a, b) (Numerical Recipes, §6.4).</summary>
    private static double ContinuedFraction(double x, double a, double b)
    {
        const double Tiny = 1e-300;
        const double Epsilon = 1e-16;
        var qab = a + b;
        var qap = a + 1;
        var qam = a - 1;
        var c = 1.0;
        var d = 1 - qab * x / qap;
        if (Math.Abs(d) < Tiny) d = Tiny;
        d = 1 / d;
        var h = d;
        for (var m = 1; m <= 100_000; m++)
        {
            var m2 = 2 * m;
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            if (Math.Abs(d) < Tiny) d = Tiny;
            c = 1 + aa / c;
            if (Math.Abs(c) < Tiny) c = Tiny;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            if (Math.Abs(d) < Tiny) d = Tiny;
            c = 1 + aa / c;
            if (Math.Abs(c) < Tiny) c = Tiny;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon) break;
        }
        return h;
    }

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos, g = 7, 9 terms; relative error below 1e-15).</summary>
    internal static double LogGamma(double x)
    {
        if (x < 0.5) return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        x -= 1;
        var sum = Lanczos[0];
        for (var i = 1; i < Lanczos.Length; i++) sum += Lanczos[i] / (x + i);
        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];
}
