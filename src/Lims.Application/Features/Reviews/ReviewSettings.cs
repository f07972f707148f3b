namespace Lims.Application.Features.Reviews;

/// <summary>
/// The lab's review policy: <c>Lims:Review:AutoReleaseNegatives</c> (off by default) releases the negatives of a plate
/// whose QC passed at import, without a reviewer; positives still need two.
/// </summary>
public sealed record ReviewSettings(bool AutoReleaseNegatives)
{
    public static readonly ReviewSettings Default = new(false);
}
