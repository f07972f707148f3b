using Lims.Domain.Plates;

namespace Lims.Domain.Assays;

/// <summary>One target of one well as the instrument reported it. A null Ct is no amplification.</summary>
public sealed record TargetReading(string Target, string? Dye, double? Ct, IReadOnlyList<double>? Curve = null);

/// <summary>One well of an instrument run: its position, the sample name the instrument was given, and its targets.</summary>
public sealed record WellReading(WellPosition Well, string? Sample, IReadOnlyList<TargetReading> Targets);

public enum WellRole
{
    Sample,
    PositiveControl,
    NegativeControl,
    ExtractionControl,
    /// <summary>A well of the file where the plate holds neither a tube nor a control: it must stay blank.</summary>
    Empty,
}

public enum WellCall
{
    Positive,
    Negative,
    Inconclusive,
    Invalid,
    ControlPass,
    ControlFail,
}

public static class WellCalls
{
    public static string Describe(this WellRole role) => role switch
    {
        WellRole.Sample => "sample",
        WellRole.PositiveControl => "positive control",
        WellRole.NegativeControl => "negative control",
        WellRole.ExtractionControl => "extraction control",
        WellRole.Empty => "empty well",
    };
}

/// <summary>The call of one well, with the reasons a reviewer needs to check it.</summary>
public sealed record WellInterpretation(WellPosition Well, string? Sample, WellRole Role, WellCall Call, IReadOnlyList<string> Reasons);

/// <summary>
/// Plate QC: passed, or failed with one reason per failed or missing control and per empty well that amplified.
/// <paramref name="Notes"/> say what QC could not check (a kit's curve check on a file without curves); they never fail
/// the plate, but the reviewer sees them.
/// </summary>
public sealed record PlateQc(bool Passed, IReadOnlyList<string> Reasons, IReadOnlyList<string> Notes)
{
    public string Status => Passed ? "pass" : "fail";
}

public sealed record PlateInterpretation(string KitCode, IReadOnlyList<WellInterpretation> Wells, PlateQc Qc);
