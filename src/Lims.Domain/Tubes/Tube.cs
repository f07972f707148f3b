using Lims.Domain.Common;
using Lims.Domain.Turnaround;

namespace Lims.Domain.Tubes;

/// <summary>
/// A collection tube, single or pooled, and the people in it. The tube owns its lifecycle: every
/// lab action is a method, and an action its state does not allow throws
/// <see cref="IllegalTransitionException"/>.
/// </summary>
public sealed class Tube : AggregateRoot
{
    /// <summary>A collection time this far past the registration time is a clock error, not a future swab.</summary>
    public static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>No swab for this lab was taken before 2020: an earlier collection time is a wrong date (a default value, a typo).</summary>
    public static readonly DateTimeOffset EarliestCollection = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Why a tube cannot have been collected at <paramref name="collectedAt"/> when registered at <paramref name="registeredAt"/>, or null.</summary>
    public static string? CollectionTimeError(DateTimeOffset collectedAt, DateTimeOffset registeredAt) =>
        collectedAt > registeredAt + AllowedClockSkew ? "The collection time is in the future."
        : collectedAt < EarliestCollection ? $"The collection time {collectedAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)} is before 2020: check the date."
        : null;

    private readonly List<Member> _members = [];
    private readonly List<TubeStatusChange> _history = [];

    private Tube() { }

    public TubeId Id { get; private set; }
    public Barcode Barcode { get; private set; }
    public TubeKind Kind { get; private set; }
    public int Capacity { get; private set; }
    public SubmitterId SubmitterId { get; private set; }
    public SubmissionId SubmissionId { get; private set; }
    public DateTimeOffset CollectedAt { get; private set; }
    public string Site { get; private set; } = "";
    public Priority Priority { get; private set; }
    public DateTimeOffset DueAt { get; private set; }
    public DateTimeOffset RegisteredAt { get; private set; }
    public TubeStatus Status { get; private set; }
    public TubeCall? Call { get; private set; }
    public int RetestCount { get; private set; }
    /// <summary>Why the lab refused the tube at receipt, if it did; the submitter sees it.</summary>
    public RejectionReason? Rejection { get; private set; }
    /// <summary>
    /// When the tube used up its kit's retests without a final call: its members must be swabbed again
    /// (a new tube); this one gives no result.
    /// </summary>
    public DateTimeOffset? RecollectionRequiredAt { get; private set; }
    /// <summary>When the overdue check found that the tube will miss its due time, if it has.</summary>
    public DateTimeOffset? AtRiskSince { get; private set; }

    /// <summary>How many people the tube holds (its members), kept on the row so reads need not count them.</summary>
    public int MemberCount { get; private set; }

    // When the tube reached each stage of the lab (UTC), kept on the row for the turnaround figures: the history has
    // every step, but reading a day of tubes' events is several times the rows. A retest sends the tube back to be
    // plated again, so the times after plating are those of its latest run (cleared until it gets there again);
    // PlatedAt is the first plating.
    public DateTimeOffset? ReceivedAt { get; private set; }
    public DateTimeOffset? InactivatedAt { get; private set; }
    public DateTimeOffset? PlatedAt { get; private set; }
    public DateTimeOffset? AmplifiedAt { get; private set; }
    public DateTimeOffset? InterpretedAt { get; private set; }
    public DateTimeOffset? ReviewedAt { get; private set; }
    public DateTimeOffset? ReleasedAt { get; private set; }

    public StageTimes Times => new(CollectedAt, ReceivedAt, InactivatedAt, PlatedAt, AmplifiedAt, InterpretedAt, ReviewedAt, ReleasedAt);

    /// <summary>Bumped by every transition, so two benches cannot both move the same tube (e.g. onto two plates).</summary>
    public int Version { get; private set; }

    public IReadOnlyList<Member> Members => _members.AsReadOnly();
    public IReadOnlyList<TubeStatusChange> History => _history.AsReadOnly();

    public static Tube Register(
        TubeId id, Barcode barcode, TubeKind kind, int capacity, SubmitterId submitter, SubmissionId submission,
        DateTimeOffset collectedAt, string site, Priority priority, IReadOnlyList<MemberDraft> members,
        DateTimeOffset registeredAt, string actor)
    {
        TubeCapacity.Ensure(kind, capacity);
        if (barcode.Value is null) throw new DomainException("invalid-barcode", "A barcode is required.");
        if (string.IsNullOrWhiteSpace(actor)) throw new DomainException("actor-required", "Every lab action names who did it.");
        if (string.IsNullOrWhiteSpace(site)) throw new DomainException("site-required", "A collection site is required.");
        collectedAt = collectedAt.ToUniversalTime();
        if (collectedAt > registeredAt + AllowedClockSkew)
            throw new DomainException("collected-in-future", "A tube cannot be collected after it is registered.");
        if (collectedAt < EarliestCollection)
            throw new DomainException("collected-before-2020", CollectionTimeError(collectedAt, registeredAt)!);
        if (members.Count == 0) throw new DomainException("no-members", "A tube holds at least one person.");
        if (members.Count > capacity)
            throw new DomainException("over-capacity", $"A tube of capacity {capacity} cannot hold {members.Count} people.");

        var tube = new Tube
        {
            Id = id,
            Barcode = barcode,
            Kind = kind,
            Capacity = capacity,
            SubmitterId = submitter,
            SubmissionId = submission,
            CollectedAt = collectedAt,
            Site = site.Trim(),
            Priority = priority,
            DueAt = collectedAt + priority.Turnaround(),
            RegisteredAt = registeredAt.ToUniversalTime(),
            Status = TubeStatus.Registered,
        };
        foreach (var draft in members) tube.Bind(draft);
        tube.MemberCount = tube._members.Count;
        tube._history.Add(new TubeStatusChange(null, TubeStatus.Registered, tube.RegisteredAt, actor, null));
        return tube;
    }

    private void Bind(MemberDraft draft)
    {
        if (string.IsNullOrWhiteSpace(draft.Name)) throw new DomainException("name-required", "A member's name is required.");
        if (_members.Exists(m => m.Person.SamePersonAs(draft.Person)))
            throw new DomainException("duplicate-member", $"Person {draft.Person.Masked} is already in tube {Barcode}.");
        if (draft.PatientId is { Length: > Member.MaxPatientIdLength } || draft.PatientIdSystem is { Length: > Member.MaxPatientIdSystemLength })
            throw new DomainException("patient-id-too-long", $"A patient id has at most {Member.MaxPatientIdLength} characters, its system {Member.MaxPatientIdSystemLength}.");
        _members.Add(new Member(_members.Count + 1, draft.Person, draft.Name.Trim(), draft.Phone,
            string.IsNullOrWhiteSpace(draft.PatientId) ? null : draft.PatientId.Trim(), string.IsNullOrWhiteSpace(draft.PatientIdSystem) ? null : draft.PatientIdSystem.Trim()));
    }

    /// <param name="container">Where the tube travels, e.g. "box B0001", kept in the history as the custody record.</param>
    public void Ship(DateTimeOffset at, string by, string? container = null) =>
        Move("shipped", TubeStatus.Shipped, at, by, container, false, TubeStatus.Registered);

    public void Receive(DateTimeOffset at, string by) => ReceivedAt = Move("received", TubeStatus.Received, at, by, null, false, TubeStatus.Shipped);

    /// <summary>
    /// Received with <paramref name="container"/>, a box it was not packed in (kept in the history as the custody record):
    /// an extra tube the lab takes in, shipped in another box or never listed in one.
    /// </summary>
    public void ReceiveWith(string container, DateTimeOffset at, string by) =>
        ReceivedAt = Move("received", TubeStatus.Received, at, by, container, true, TubeStatus.Registered, TubeStatus.Shipped);

    /// <summary>Refused at receipt (leaking, unlabelled, over capacity, ...): the tube ends here.</summary>
    public void Reject(string reason, DateTimeOffset at, string by) =>
        Move("rejected", TubeStatus.Rejected, at, by, reason, true, TubeStatus.Shipped, TubeStatus.Received);

    /// <summary>Refused at receipt for one of the fixed reasons; <see cref="RejectionReason.Other"/> needs a note.</summary>
    public void Reject(RejectionReason reason, string? note, DateTimeOffset at, string by)
    {
        if (reason == RejectionReason.Other && string.IsNullOrWhiteSpace(note))
            throw new DomainException("note-required", "A rejection for another reason says what it is.");
        Reject(string.IsNullOrWhiteSpace(note) ? reason.ToWire() : $"{reason.ToWire()}: {note.Trim()}", at, by);
        Rejection = reason;
    }

    public void Cancel(string reason, DateTimeOffset at, string by) =>
        Move("cancelled", TubeStatus.Cancelled, at, by, reason, true, TubeStatus.Registered);

    public void Inactivate(DateTimeOffset at, string by) => InactivatedAt = Move("inactivated", TubeStatus.Inactivated, at, by, null, false, TubeStatus.Received);

    /// <summary>Placed in a well of a plate: first time after inactivation, again after a retest.</summary>
    public void Plate(string location, DateTimeOffset at, string by)
    {
        var plated = Move("plated", TubeStatus.Plated, at, by, location, true, TubeStatus.Inactivated, TubeStatus.Retest);
        PlatedAt ??= plated;
    }

    public void RecordAmplification(DateTimeOffset at, string by) => AmplifiedAt = Move("amplified", TubeStatus.Amplified, at, by, null, false, TubeStatus.Plated);

    public void Interpret(TubeCall call, DateTimeOffset at, string by)
    {
        InterpretedAt = Move("interpreted", TubeStatus.Interpreted, at, by, call.ToWire(), false, TubeStatus.Amplified);
        Call = call;
        Raise(new TubeCalled(Id, Barcode, Kind, call, InterpretedAt.Value));
        if (AwaitingDeconvolution) RaisePoolCalledPositive(InterpretedAt.Value);
    }

    private void RaisePoolCalledPositive(DateTimeOffset at) => Raise(new PoolCalledPositive(Id, Barcode, SubmitterId, Site, MemberCount, at));

    /// <summary>
    /// Back to be plated again: an inconclusive or invalid call, a failed plate control, or a
    /// reviewer's decision. The same tube goes on a new plate.
    /// </summary>
    public void SendToRetest(string reason, DateTimeOffset at, string by)
    {
        var previous = Call;
        var utc = Move("sent to retest", TubeStatus.Retest, at, by, reason, true, TubeStatus.Amplified, TubeStatus.Interpreted, TubeStatus.Reviewed);
        Raise(new TubeSentToRetest(Id, Barcode, Kind, previous, reason.Trim(), by, utc));
        Call = null;
        RetestCount++;
        ClearRunTimes();
    }

    /// <summary>
    /// Back to be plated again because the plate failed QC (a control failed): not the tube's fault,
    /// so it does not count against the kit's retests.
    /// </summary>
    public void ReturnForReplating(string reason, DateTimeOffset at, string by)
    {
        Move("returned for re-plating", TubeStatus.Retest, at, by, reason, true, TubeStatus.Amplified);
        ClearRunTimes();
    }

    /// <summary>Back to the bench: the run's times are those of the next run, so no stage is counted twice or backwards.</summary>
    private void ClearRunTimes() => AmplifiedAt = InterpretedAt = ReviewedAt = null;

    /// <summary>
    /// An inconclusive or invalid call after the kit's last retest: the tube stays interpreted with that
    /// call and its members need a new swab.
    /// </summary>
    public void RequireRecollection(string reason, DateTimeOffset at, string by)
    {
        if (Status != TubeStatus.Interpreted || Call is not (TubeCall.Inconclusive or TubeCall.Invalid))
            throw new DomainException("recollection-not-needed", $"Tube {Barcode} is {Status.ToWire()}{(Call is { } c ? " " + c.ToWire() : "")}: only an inconclusive or invalid call leads to a recollection.");
        if (string.IsNullOrWhiteSpace(by)) throw new DomainException("actor-required", "Every lab action names who did it.");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("reason-required", "A reason is required.");
        if (RecollectionRequiredAt is not null) return;
        RecollectionRequiredAt = at.ToUniversalTime();
        _history.Add(new TubeStatusChange(Status, Status, RecollectionRequiredAt.Value, by, "recollection required: " + reason.Trim()));
        Version++;
    }

    /// <summary>
    /// A pooled tube called positive: its people's results come from the pooling engine (deconvolution,
    /// recall of each member), not from this call alone.
    /// </summary>
    public bool AwaitingDeconvolution => Kind == TubeKind.Pooled && Status == TubeStatus.Interpreted && Call == TubeCall.Positive;

    /// <summary>Only a positive or negative call can be reviewed; anything else must be retested first.</summary>
    public void Review(DateTimeOffset at, string by)
    {
        if (Status == TubeStatus.Interpreted && Call is not (TubeCall.Positive or TubeCall.Negative))
            throw new DomainException("call-not-final", $"Tube {Barcode} is {Call?.ToWire()}: it must be retested, not reviewed.");
        ReviewedAt = Move("reviewed", TubeStatus.Reviewed, at, by, null, false, TubeStatus.Interpreted);
    }

    /// <summary>A reviewer changes the kit's call (positive ↔ negative) after looking at the curves; the reason is kept.</summary>
    public void OverrideCall(TubeCall call, string reason, DateTimeOffset at, string by)
    {
        if (Status != TubeStatus.Interpreted || Call is not (TubeCall.Positive or TubeCall.Negative))
            throw new IllegalTransitionException("overridden", Status.ToWire());
        if (call is not (TubeCall.Positive or TubeCall.Negative))
            throw new DomainException("invalid-call", "A call is overridden to positive or negative.");
        if (string.IsNullOrWhiteSpace(by)) throw new DomainException("actor-required", "Every lab action names who did it.");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("reason-required", "A reason is required.");
        if (call == Call) return;
        var from = Call.Value;
        var utc = at.ToUniversalTime();
        _history.Add(new TubeStatusChange(Status, Status, utc, by, $"call overridden from {from.ToWire()} to {call.ToWire()}: {reason.Trim()}"));
        Call = call;
        Version++;
        Raise(new CallOverridden(Id, Barcode, Kind, from, call, reason.Trim(), by, utc));
        if (AwaitingDeconvolution) RaisePoolCalledPositive(utc);
    }

    public void Release(DateTimeOffset at, string by) => ReleasedAt = Move("released", TubeStatus.Released, at, by, null, false, TubeStatus.Reviewed);

    /// <summary>
    /// The at-risk rule: a tube not flagged yet, not final, whose due time falls before the window's limit — within the
    /// last <c>warningFraction</c> of its priority's turnaround (the last 6 h of a 24 h screening tube at 0.25). The
    /// recurring check flags every such tube set-based with it (<see cref="AtRisk"/>); <see cref="IsAtRisk"/> asks it of one tube.
    /// </summary>
    public static readonly Rule<Tube, AtRiskWindow> AtRiskRule = new((t, w) =>
        t.Priority == w.Priority && t.AtRiskSince == null && t.DueAt <= w.Limit && !TubeStatusExtensions.Final.Contains(t.Status));

    /// <summary>The tubes of <paramref name="priority"/> the at-risk check flags at <paramref name="now"/>.</summary>
    public static System.Linq.Expressions.Expression<Func<Tube, bool>> AtRisk(Priority priority, DateTimeOffset now, double warningFraction) =>
        AtRiskRule.With(AtRiskWindow.Of(priority, now, warningFraction));

    /// <summary>Whether the at-risk check flags this tube at <paramref name="now"/>.</summary>
    public bool IsAtRisk(DateTimeOffset now, double warningFraction) => AtRiskRule.IsMetBy(this, AtRiskWindow.Of(Priority, now, warningFraction));

    /// <summary>The state is checked first, so an action in the wrong state is reported as such whatever else is wrong.</summary>
    /// <returns>The time of the step, in UTC.</returns>
    private DateTimeOffset Move(string action, TubeStatus to, DateTimeOffset at, string by, string? reason, bool reasonRequired, params ReadOnlySpan<TubeStatus> allowedFrom)
    {
        if (!allowedFrom.Contains(Status)) throw new IllegalTransitionException(action, Status.ToWire());
        if (string.IsNullOrWhiteSpace(by)) throw new DomainException("actor-required", "Every lab action names who did it.");
        if (reasonRequired && string.IsNullOrWhiteSpace(reason)) throw new DomainException("reason-required", "A reason is required.");
        var utc = at.ToUniversalTime();
        _history.Add(new TubeStatusChange(Status, to, utc, by, reason?.Trim()));
        Status = to;
        Version++;
        return utc;
    }

}

/// <summary>The tubes of one priority that are due before <see cref="Limit"/> are at risk.</summary>
public readonly record struct AtRiskWindow(Priority Priority, DateTimeOffset Limit)
{
    public static AtRiskWindow Of(Priority priority, DateTimeOffset now, double warningFraction) =>
        warningFraction is < 0 or > 1
            ? throw new ArgumentOutOfRangeException(nameof(warningFraction), "The warning fraction lies between 0 and 1.")
            : new(priority, now + priority.Turnaround() * warningFraction);
}

/// <summary>One step of a tube's history: from, to, when, who, and why.</summary>
public sealed record TubeStatusChange(TubeStatus? From, TubeStatus To, DateTimeOffset At, string Actor, string? Reason);
