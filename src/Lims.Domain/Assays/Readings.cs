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
    };
}

/// <summary>The call of one well, with the reasons a reviewer needs to check it.</summary>
public sealed record WellInterpretation(WellPosition Well, string? Sample, WellRole Role, WellCall Call, IReadOnlyList<string> Reasons);

/// <summary>Plate QC: passed, or failed with one reason per failed or missing control.</summary>
public sealed record PlateQc(bool Passed, IReadOnlyList<string> Reasons)
{
    public string Status => Passed ? "pass" : "fail";
}

public sealed record PlateInterpretation(string KitCode, IReadOnlyList<WellInterpretation> Wells, PlateQc Qc);
