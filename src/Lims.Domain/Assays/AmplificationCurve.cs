namespace Lims.Domain.Assays;

/// <summary>
/// Whether a reported Ct is backed by a rising curve. An instrument reports a Ct wherever the
/// curve crosses its threshold, and a threshold set into the noise gives a Ct on a flat line.
/// A curve shows amplification when, after the Ct, it rises above the mean of its baseline
/// (cycles 3 to Ct − 3, at most 15) by more than <see cref="NoiseFactor"/> standard deviations of
/// that baseline — the rule instruments use for an automatic threshold. Too short a curve or too
/// early a Ct leaves no baseline to judge, and the Ct stands.
/// </summary>
public static class AmplificationCurve
{
    public const double NoiseFactor = 10;
    private const int FirstBaselineCycle = 3;
    private const int LastBaselineCycle = 15;
    private const int MinBaselinePoints = 5;

    public static bool ShowsAmplification(IReadOnlyList<double> curve, double ct)
    {
        ArgumentNullException.ThrowIfNull(curve);
        if (!double.IsFinite(ct) || ct <= 0) return false;

        var baselineEnd = Math.Min(LastBaselineCycle, (int)Math.Floor(ct) - 3); // 1-based cycle, inclusive
        var count = 0;
        double sum = 0;
        for (var cycle = FirstBaselineCycle; cycle <= baselineEnd && cycle <= curve.Count; cycle++)
        {
            var v = curve[cycle - 1];
            if (!double.IsFinite(v)) continue;
            sum += v;
            count++;
        }
        if (count < MinBaselinePoints) return true;

        var mean = sum / count;
        double squares = 0;
        for (var cycle = FirstBaselineCycle; cycle <= baselineEnd && cycle <= curve.Count; cycle++)
        {
            var v = curve[cycle - 1];
            if (double.IsFinite(v)) squares += (v - mean) * (v - mean);
        }
        var sd = Math.Sqrt(squares / count);

        var peak = double.NegativeInfinity;
        for (var i = Math.Max(0, (int)Math.Ceiling(ct) - 1); i < curve.Count; i++)
            if (double.IsFinite(curve[i]) && curve[i] > peak) peak = curve[i];
        if (double.IsNegativeInfinity(peak)) return true;

        var rise = peak - mean;
        return rise > 0 && rise > NoiseFactor * sd;
    }
}
