using Lims.Application.Features.Results;

namespace Lims.Application.Features.PublicHealth;

// Positives reported to public health within the deadline of their release (PRODUCT.md, "Time rules"): a notification
// per positive person, written in the release's transaction, sent in batches by a recurring job, flagged when overdue.

/// <summary>
/// <c>Lims:PublicHealth:Endpoint</c> (where reports are POSTed; none: nothing is sent, notifications stay pending and
/// are still flagged overdue), <c>Lims:PublicHealth:DeadlineMinutes</c> (120), <c>Lims:PublicHealth:BatchSize</c>
/// (notifications per POST), <c>Lims:PublicHealth:SigningSecret</c> (optional: reports then carry X-Lims-Signature as
/// webhooks do), <c>Lims:PublicHealth:TimeoutSeconds</c>.
/// </summary>
public sealed record PublicHealthSettings(Uri? Endpoint, TimeSpan Deadline, int BatchSize, string? SigningSecret, TimeSpan Timeout)
{
    public static readonly PublicHealthSettings Default = new(null, TimeSpan.FromHours(2), 500, null, TimeSpan.FromSeconds(30));
}

/// <summary>One POST to public health: a batch of positive cases.</summary>
/// <param name="BatchId">Also the <c>X-Lims-Delivery</c> header.</param>
public sealed record PublicHealthReport(Guid BatchId, DateTimeOffset SentAt, IReadOnlyList<PositiveCaseReport> Cases);

/// <summary>A positive person, identified in clear (public health must reach them), with the result it comes from.</summary>
/// <param name="NotificationId">The same on every attempt: drop repeats by it.</param>
public sealed record PositiveCaseReport(
    Guid NotificationId, string Submitter, string SubmitterName, string Tube, string Site, DateTimeOffset CollectedAt, DateTimeOffset ReleasedAt,
    string KitCode, string KitVersion, IReadOnlyList<TargetCtView> Targets, PositivePersonReport Person);

public sealed record PositivePersonReport(int Position, string IdType, string IdNumber, string Name, string? Phone);

/// <summary>How a run of the sender went: notifications sent and failed; <see cref="Configured"/> false when no endpoint is set.</summary>
public sealed record PublicHealthSendResult(int Sent, int Failed, bool Configured);

/// <param name="DueAt">The release plus the deadline.</param>
/// <param name="IdNumber">Masked.</param>
public sealed record PublicHealthNotificationView(
    Guid Id, string Tube, string Submitter, int Position, string IdNumber, DateTimeOffset ReleasedAt, DateTimeOffset DueAt, string State, int Attempts,
    DateTimeOffset? LastAttemptAt, int? LastStatus, string? LastError, DateTimeOffset? SentAt, DateTimeOffset? OverdueSince);

