using Lims.Domain.Assays;
using Lims.Infrastructure.Instruments;

namespace Lims.Infrastructure.Tests.Instruments;

/// <summary>
/// The CDC mock plates end to end. Their Ct column is a placeholder (the NTC shows Ct 27 on a flat curve);
/// the curves carry the truth, which is why the CDC kit checks that a Ct sits on a rising curve.
/// </summary>
public sealed class CdcPlateTests
{
    private static PlateInterpretation Interpret(string file) =>
        PlateInterpreter.Interpret(BuiltInKits.Cdc2019nCoV, Samples.Read(file).ToReadings());

    private static WellCall CallOf(PlateInterpretation result, string well) =>
        result.Wells.Single(w => w.Well.ToString() == well).Call;

    [Fact]
    public void The_passing_plate_passes_qc()
    {
        var result = Interpret("COVID_CDC_mock_passing_plate.eds");

        Assert.True(result.Qc.Passed, string.Join(" ", result.Qc.Reasons));
        Assert.Equal("pass", result.Qc.Status);
        Assert.All(new[] { "A1", "A2", "A3" }, w => Assert.Equal(WellCall.ControlPass, CallOf(result, w)));  // NTC 1
        Assert.All(new[] { "A9", "A10", "A11" }, w => Assert.Equal(WellCall.ControlPass, CallOf(result, w))); // PTC 1
        Assert.All(new[] { "D2", "D3", "D4" }, w => Assert.Equal(WellCall.ControlPass, CallOf(result, w)));   // EC 1
    }

    [Fact]
    public void The_passing_plate_calls_each_sample_from_its_three_wells()
    {
        var result = Interpret("COVID_CDC_mock_passing_plate.eds");

        Assert.Equal(WellCall.Positive, CallOf(result, "B5"));      // INM01: N1, N2 and RP rise
        Assert.Equal(WellCall.Negative, CallOf(result, "B9"));      // INM02: only RP rises
        Assert.Equal(WellCall.Inconclusive, CallOf(result, "C1"));  // INM03: N2 without N1
        Assert.Equal(WellCall.Positive, CallOf(result, "C5"));      // INM04: N1 and N2, RP flat
        Assert.Equal(WellCall.Positive, CallOf(result, "C7"));      // every well of INM04 gets its call
        var negative = result.Wells.Single(w => w.Well.ToString() == "B10");
        Assert.Contains(negative.Reasons, r => r.Contains("N1 Ct 27.07 ignored: the curve does not rise"));
    }

    [Fact]
    public void The_failing_plate_fails_qc_naming_the_positive_control()
    {
        var result = Interpret("COVID_CDC_mock_failing_plate.eds");

        Assert.False(result.Qc.Passed);
        Assert.Equal("fail", result.Qc.Status);
        var reason = Assert.Single(result.Qc.Reasons);
        Assert.StartsWith("Positive control PTC 1 (A9, A10, A11) failed: RP must not amplify but did (RP Ct 31.33)", reason);
        Assert.Equal(WellCall.ControlFail, CallOf(result, "A9"));
        Assert.Equal(WellCall.ControlPass, CallOf(result, "A1"));
    }
}
