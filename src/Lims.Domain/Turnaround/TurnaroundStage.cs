using System.Text.Json.Serialization;

namespace Lims.Domain.Turnaround;

/// <summary>
/// A stretch of a tube's way through the lab, between two of its stage times. The stages follow one another, so for a
/// released tube they add up to its turnaround, <see cref="CollectedToReleased"/> (PRODUCT.md: collection to release).
/// On the wire a stage is named by its two ends (<c>collected-received</c>, …, <c>collected-released</c>).
/// </summary>
public enum TurnaroundStage
{
    [JsonStringEnumMemberName("collected-received")]
    CollectedToReceived,
    [JsonStringEnumMemberName("received-inactivated")]
    ReceivedToInactivated,
    [JsonStringEnumMemberName("inactivated-plated")]
    InactivatedToPlated,
    /// <summary>From the first plating to the run that gave the tube its result: retests land here.</summary>
    [JsonStringEnumMemberName("plated-amplified")]
    PlatedToAmplified,
    [JsonStringEnumMemberName("amplified-interpreted")]
    AmplifiedToInterpreted,
    [JsonStringEnumMemberName("interpreted-reviewed")]
    InterpretedToReviewed,
    [JsonStringEnumMemberName("reviewed-released")]
    ReviewedToReleased,
    [JsonStringEnumMemberName("collected-released")]
    CollectedToReleased,
}

/// <summary>
/// When one tube reached each stage (UTC). Plated is the first plating; amplified, interpreted and reviewed are those
/// of the run that counts (a retest clears them until the tube gets there again).
/// </summary>
public readonly record struct StageTimes(
    DateTimeOffset Collected,
    DateTimeOffset? Received,
    DateTimeOffset? Inactivated,
    DateTimeOffset? Plated,
    DateTimeOffset? Amplified,
    DateTimeOffset? Interpreted,
    DateTimeOffset? Reviewed,
    DateTimeOffset? Released)
{
    /// <summary>
    /// How long the tube spent in <paramref name="stage"/>, in whole seconds (truncated toward zero), or null until it
    /// has reached the stage's end. Negative when the clocks disagreed (a collection time ahead of the lab's).
    /// </summary>
    public long? Seconds(TurnaroundStage stage)
    {
        var (start, end) = stage switch
        {
            TurnaroundStage.CollectedToReceived => (Collected, Received),
            TurnaroundStage.ReceivedToInactivated => (Received, Inactivated),
            TurnaroundStage.InactivatedToPlated => (Inactivated, Plated),
            TurnaroundStage.PlatedToAmplified => (Plated, Amplified),
            TurnaroundStage.AmplifiedToInterpreted => (Amplified, Interpreted),
            TurnaroundStage.InterpretedToReviewed => (Interpreted, Reviewed),
            TurnaroundStage.ReviewedToReleased => (Reviewed, Released),
            TurnaroundStage.CollectedToReleased => ((DateTimeOffset?)Collected, Released),
            _ => throw new ArgumentOutOfRangeException(nameof(stage)),
        };
        return start is { } s && end is { } e ? (e - s).Ticks / TimeSpan.TicksPerSecond : null;
    }
}

public static class TurnaroundStages
{
    public static readonly IReadOnlyList<TurnaroundStage> All = Enum.GetValues<TurnaroundStage>();
}
