namespace Lims.Domain.Assays;

/// <summary>
/// An assay kit as a lab writes it down (and as it is stored as JSON): plain values, nothing
/// checked yet. <see cref="AssayKit.Create"/> turns it into a validated kit. Omitted controls
/// get the defaults of <see cref="ControlRule.Defaults"/>; omitted sample names of a control get
/// that role's default names.
/// </summary>
public sealed record AssayKitDefinition
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    public string? Version { get; init; }

    /// <summary><c>multiplex</c> (all targets in one well, the default) or <c>singleplex</c> (one target per well, wells of one sample read together).</summary>
    public string? Layout { get; init; }

    public IReadOnlyList<KitTargetDefinition>? Targets { get; init; }

    /// <summary>A Ct below the cut-off is an amplification.</summary>
    public double? CtCutoff { get; init; }

    public CtRangeDefinition? GreyZone { get; init; }

    /// <summary>How many pathogen targets must be detected (outside the grey zone) for a positive call; all of them when omitted.</summary>
    public int? RequiredPositiveTargets { get; init; }

    /// <summary>Whether a Ct counts only when its amplification curve rises (default true).</summary>
    public bool? CurveCheck { get; init; }

    public IReadOnlyList<ControlRuleDefinition>? Controls { get; init; }

    public int? MaxRetests { get; init; }
}

public sealed record KitTargetDefinition
{
    public string? Name { get; init; }
    public string? Dye { get; init; }

    /// <summary><c>pathogen</c> or <c>internal-control</c>.</summary>
    public string? Role { get; init; }

    /// <summary>Other names instruments use for this target, e.g. "RNase P" for "RP".</summary>
    public IReadOnlyList<string>? Aliases { get; init; }

    /// <summary>A cut-off of its own, e.g. a stricter one for the internal control.</summary>
    public double? CtCutoff { get; init; }
}

public sealed record CtRangeDefinition
{
    public double? From { get; init; }
    public double? To { get; init; }
}

public sealed record ControlRuleDefinition
{
    /// <summary><c>positive</c>, <c>negative</c> or <c>extraction</c>.</summary>
    public string? Role { get; init; }

    public IReadOnlyList<string>? SampleNames { get; init; }

    /// <summary><c>amplify</c>, <c>absent</c> or <c>any</c>.</summary>
    public string? PathogenTargets { get; init; }

    /// <summary><c>amplify</c>, <c>absent</c> or <c>any</c>.</summary>
    public string? InternalControl { get; init; }

    /// <summary>Whether every plate must carry this control (default true for positive and negative controls).</summary>
    public bool? Required { get; init; }
}
