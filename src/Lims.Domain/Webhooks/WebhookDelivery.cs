using Lims.Domain.Common;

namespace Lims.Domain.Webhooks;

/// <summary>Stored by name: keep the names.</summary>
public enum WebhookDeliveryState
{
    /// <summary>Not delivered yet: an attempt is due at <see cref="WebhookDelivery.NextAttemptAt"/>.</summary>
    Pending,
    /// <summary>The receiver answered 2xx.</summary>
    Delivered,
    /// <summary>Every attempt failed: parked in the dead-letter list until someone retries it.</summary>
    Dead,
}

/// <summary>What a delivery tells its submitter (stored by name: keep the names).</summary>
public enum WebhookEvent
{
    /// <summary>Results of one release, the submitter's tubes in it.</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("results.released")]
    ResultsReleased,
    /// <summary>A recall case was shown to the submitter: the single tubes to collect.</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("recall.opened")]
    RecallOpened,
    /// <summary>A recall case the submitter had seen was withdrawn, with why.</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("recall.withdrawn")]
    RecallWithdrawn,
}

/// <summary>
/// One event for one submitter — a release's results, or a recall case opened or withdrawn — to be POSTed to its webhook (the outbox row): written in the release's
/// transaction, then attempted by a job, and retried with back-off until the receiver answers 2xx or the attempts
/// are used up (then it is dead). Its id is the <c>X-Lims-Delivery</c> header, the same on every attempt, so the
/// receiver can drop repeats: delivery is at least once.
/// </summary>
public sealed class WebhookDelivery
{
    public const int MaxErrorLength = 500;

    private WebhookDelivery() { }

    public Guid Id { get; private set; }
    public SubmitterId SubmitterId { get; private set; }
    public WebhookEvent Event { get; private set; }
    /// <summary>The release, for <see cref="WebhookEvent.ResultsReleased"/>.</summary>
    public Guid? ReleaseId { get; private set; }
    /// <summary>The recall case, for the recall events.</summary>
    public Guid? RecallCaseId { get; private set; }
    /// <summary>How many released tubes of the submitter the release holds (0 for a recall event).</summary>
    public int Results { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public WebhookDeliveryState State { get; private set; }
    /// <summary>Attempts made so far.</summary>
    public int Attempts { get; private set; }
    /// <summary>When the next attempt is due (pending only); the sweeper finds the attempts that never ran by it.</summary>
    public DateTimeOffset NextAttemptAt { get; private set; }
    public DateTimeOffset? LastAttemptAt { get; private set; }
    /// <summary>The HTTP status of the last answer; null when there was none (timeout, refused connection).</summary>
    public int? LastStatus { get; private set; }
    public string? LastError { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }
    public DateTimeOffset? DeadAt { get; private set; }
    /// <summary>When someone last retried it from the dead-letter list: such a retry is one attempt.</summary>
    public DateTimeOffset? RetriedAt { get; private set; }
    public string? RetriedBy { get; private set; }
    public int Version { get; private set; }

    public static WebhookDelivery Create(SubmitterId submitter, Guid releaseId, int results, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(), SubmitterId = submitter, Event = WebhookEvent.ResultsReleased, ReleaseId = releaseId, Results = results,
        CreatedAt = at.ToUniversalTime(), State = WebhookDeliveryState.Pending, NextAttemptAt = at.ToUniversalTime(),
    };

    /// <summary>A recall case opened or withdrawn, for the case's submitter.</summary>
    public static WebhookDelivery ForRecall(SubmitterId submitter, Guid recallCase, WebhookEvent recallEvent, DateTimeOffset at) =>
        recallEvent is WebhookEvent.RecallOpened or WebhookEvent.RecallWithdrawn
            ? new()
            {
                Id = Guid.CreateVersion7(), SubmitterId = submitter, Event = recallEvent, RecallCaseId = recallCase,
                CreatedAt = at.ToUniversalTime(), State = WebhookDeliveryState.Pending, NextAttemptAt = at.ToUniversalTime(),
            }
            : throw new ArgumentOutOfRangeException(nameof(recallEvent), recallEvent, "A recall delivery tells that a case was opened or withdrawn.");

    /// <summary>Whether attempt number <paramref name="attempt"/> should run: the delivery is pending and that attempt was not made.
    /// A job that runs twice, or late after the sweeper enqueued the attempt again, finds it made and does nothing.</summary>
    public bool AwaitsAttempt(int attempt) => State == WebhookDeliveryState.Pending && attempt == Attempts + 1;

    public void Succeeded(int attempt, int status, DateTimeOffset at)
    {
        Record(attempt, status, null, at);
        State = WebhookDeliveryState.Delivered;
        DeliveredAt = at.ToUniversalTime();
    }

    /// <summary>
    /// A failed attempt: the next one is due after the delay for this attempt number (the first failure waits
    /// <c>retryDelays[0]</c>), and when the delays are used up — or the attempt was a retry from the dead-letter list —
    /// the delivery is dead.
    /// </summary>
    /// <returns>The delay before the next attempt, or null when the delivery is dead.</returns>
    public TimeSpan? Failed(int attempt, int? status, string error, IReadOnlyList<TimeSpan> retryDelays, DateTimeOffset at)
    {
        Record(attempt, status, error, at);
        if (RetriedAt is null && attempt <= retryDelays.Count)
        {
            var delay = retryDelays[attempt - 1];
            NextAttemptAt = at.ToUniversalTime() + delay;
            return delay;
        }
        State = WebhookDeliveryState.Dead;
        DeadAt = at.ToUniversalTime();
        return null;
    }

    /// <summary>Takes a dead delivery out of the dead-letter list for one more attempt, now.</summary>
    /// <returns>The number of that attempt.</returns>
    public int Retry(string by, DateTimeOffset at)
    {
        if (State != WebhookDeliveryState.Dead)
            throw new DomainException("delivery-not-dead",
                $"Delivery {Id} is {State.ToWire()}: only a dead delivery is retried by hand.");
        State = WebhookDeliveryState.Pending;
        DeadAt = null;
        RetriedAt = at.ToUniversalTime();
        RetriedBy = by;
        NextAttemptAt = at.ToUniversalTime();
        Version++;
        return Attempts + 1;
    }

    /// <summary>The sweeper enqueued the due attempt again (it was never picked up): it is due from now.</summary>
    /// <returns>The number of that attempt.</returns>
    public int Requeued(DateTimeOffset at)
    {
        NextAttemptAt = at.ToUniversalTime();
        Version++;
        return Attempts + 1;
    }

    private void Record(int attempt, int? status, string? error, DateTimeOffset at)
    {
        if (!AwaitsAttempt(attempt))
            throw new DomainException("attempt-not-due", $"Attempt {attempt} of delivery {Id} is not due ({State.ToWire()}, {Attempts} made).");
        Attempts = attempt;
        LastAttemptAt = at.ToUniversalTime();
        LastStatus = status;
        LastError = error is null ? null : error.Length <= MaxErrorLength ? error : error[..MaxErrorLength];
        Version++;
    }
}
