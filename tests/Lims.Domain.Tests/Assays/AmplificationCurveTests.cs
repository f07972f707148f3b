using Lims.Domain.Assays;

namespace Lims.Domain.Tests.Assays;

public sealed class AmplificationCurveTests
{
    [Theory]
    [InlineData(15)]
    [InlineData(25)]
    [InlineData(37.5)]
    public void A_sigmoid_curve_shows_amplification_at_its_ct(double ct)
    {
        Assert.True(AmplificationCurve.ShowsAmplification(InterpretationTests.Sigmoid(ct), ct));
    }

    [Fact]
    public void Noise_around_zero_does_not()
    {
        var random = new Random(7);
        var noise = Enumerable.Range(0, 45).Select(_ => (random.NextDouble() - 0.5) * 0.004).ToArray();
        Assert.False(AmplificationCurve.ShowsAmplification(noise, 27));
    }

    [Fact]
    public void Slow_linear_drift_does_not()
    {
        var drift = Enumerable.Range(1, 40).Select(c => 1.0 + 0.01 * c).ToArray();
        Assert.False(AmplificationCurve.ShowsAmplification(drift, 30));
    }

    [Fact]
    public void Too_early_a_ct_or_too_short_a_curve_leaves_the_ct_standing()
    {
        Assert.True(AmplificationCurve.ShowsAmplification(new double[40], 6));
        Assert.True(AmplificationCurve.ShowsAmplification(new double[3], 25));
    }
}
