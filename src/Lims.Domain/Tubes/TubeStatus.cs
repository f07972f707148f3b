namespace Lims.Domain.Tubes;

/// <summary>Where a tube stands in the lab workflow (PRODUCT.md, "The workflow").</summary>
public enum TubeStatus
{
    Registered,
    Shipped,
    Received,
    Rejected,
    Inactivated,
    Plated,
    Amplified,
    Interpreted,
    Retest,
    Reviewed,
    Released,
    Cancelled,
}

/// <summary>The call a tube's PCR result got from the assay kit's rules.</summary>
public enum TubeCall
{
    Positive,
    Negative,
    Inconclusive,
    Invalid,
}

public static class TubeStatusExtensions
{
    /// <summary>A tube in one of these states will never produce a result, so it cannot be late.</summary>
    public static readonly IReadOnlyList<TubeStatus> Final = [TubeStatus.Released, TubeStatus.Rejected, TubeStatus.Cancelled];

    public static bool IsFinal(this TubeStatus status) => Final.Contains(status);
}
