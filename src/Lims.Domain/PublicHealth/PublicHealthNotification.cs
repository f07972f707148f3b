using Lims.Domain.Common;
using Lims.Domain.Results;
using Lims.Domain.Tubes;

namespace Lims.Domain.PublicHealth;

/// <summary>Stored by name: keep the names.</summary>
public enum NotificationState
{
    /// <summary>Not sent yet, and no attempt failed.</summary>
    Pending,
    /// <summary>Public health accepted it (2xx).</summary>
    Sent,
    /// <summary>The last attempt failed; the job tries again on its next run.</summary>
    Failed,
}

/// <summary>
/// A positive person to report to public health within the deadline (2 h) of the release: one per person whose
/// released result is <see cref="PersonOutcome.Positive"/> — the person of a positive single tube, which includes the
/// single tubes a recall ordered for the members of a positive pool. The members of a positive pool are not positives
/// (they are recall-required) and are not notified: their own single tubes are. Written in the release's transaction;
/// sent in batches by a recurring job; flagged overdue when still unsent past the deadline.
/// </summary>
public sealed class PublicHealthNotification
{
    public const int MaxErrorLength = 500;

    private PublicHealthNotification() { }

    public Guid Id { get; private set; }
    public Guid ReleasedTubeId { get; private set; }
    public TubeId TubeId { get; private set; }
    public Barcode TubeBarcode { get; private set; }
    public SubmitterId SubmitterId { get; private set; }
    public int Position { get; private set; }
    public string MaskedId { get; private set; } = "";
    public DateTimeOffset ReleasedAt { get; private set; }
    public NotificationState State { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset? LastAttemptAt { get; private set; }
    public int? LastStatus { get; private set; }
    public string? LastError { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    /// <summary>When the job found it unsent past the deadline; kept once sent (it was sent late).</summary>
    public DateTimeOffset? OverdueSince { get; private set; }
    public int Version { get; private set; }

    /// <summary>The overdue rule: unsent, not flagged yet, released before the argument (the deadline ago).</summary>
    public static readonly Rule<PublicHealthNotification, DateTimeOffset> OverdueRule = new((n, releasedBefore) =>
        n.State != NotificationState.Sent && n.OverdueSince == null && n.ReleasedAt <= releasedBefore);

    /// <summary>The notifications the overdue check flags at <paramref name="now"/>: unsent <paramref name="deadline"/> after their release.</summary>
    public static System.Linq.Expressions.Expression<Func<PublicHealthNotification, bool>> IsOverdue(DateTimeOffset now, TimeSpan deadline) =>
        OverdueRule.With(now - deadline);

    public bool IsOverdueAt(DateTimeOffset now, TimeSpan deadline) => OverdueRule.IsMetBy(this, now - deadline);

    /// <summary>The notifications a released tube calls for: one per positive person (none for a negative tube or a positive pool).</summary>
    public static IEnumerable<PublicHealthNotification> For(ReleasedTube released) =>
        released.People.Where(p => p.Outcome == PersonOutcome.Positive).Select(p => new PublicHealthNotification
        {
            Id = Guid.CreateVersion7(), ReleasedTubeId = released.Id, TubeId = released.TubeId, TubeBarcode = released.Barcode,
            SubmitterId = released.SubmitterId, Position = p.Position, MaskedId = p.MaskedId, ReleasedAt = released.ReleasedAt,
            State = NotificationState.Pending,
        });

    public void Sent(int status, DateTimeOffset at)
    {
        Record(status, null, at);
        State = NotificationState.Sent;
        SentAt = at.ToUniversalTime();
    }

    public void Failed(int? status, string error, DateTimeOffset at)
    {
        Record(status, error.Length <= MaxErrorLength ? error : error[..MaxErrorLength], at);
        State = NotificationState.Failed;
    }

    private void Record(int? status, string? error, DateTimeOffset at)
    {
        if (State == NotificationState.Sent)
            throw new DomainException("notification-sent", $"Notification {Id} was sent already.");
        Attempts++;
        LastAttemptAt = at.ToUniversalTime();
        LastStatus = status;
        LastError = error;
        Version++;
    }
}
