using Lims.Domain.Common;
using Lims.Domain.Plates;
using Lims.Domain.Runs;
using Lims.Domain.Staff;
using Lims.Domain.Tubes;

namespace Lims.Domain.Reviews;

public readonly record struct PlateReviewId(Guid Value)
{
    public static PlateReviewId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

/// <summary>Where a plate's review stands (stored by name: keep the names).</summary>
public enum ReviewStatus
{
    /// <summary>Nobody has approved the plate yet.</summary>
    AwaitingReview,
    /// <summary>Approved once; its positive decisions wait for (more) senior reviewers' approvals.</summary>
    AwaitingSecondApproval,
    /// <summary>Approved tubes wait to be released.</summary>
    AwaitingRelease,
    /// <summary>Every tube of the review is released or went back to retest.</summary>
    Done,
}

/// <summary>Where one tube of a review stands (stored by name: keep the names).</summary>
public enum ReviewItemState
{
    Pending,
    Approved,
    Released,
    SentToRetest,
}

/// <summary>What a signature meant (stored by name: keep the names).</summary>
public enum SignatureMeaning
{
    /// <summary>"I reviewed the plate's QC, curves and calls and approve its results."</summary>
    Approval,
    /// <summary>"As a senior reviewer, after the plate's first approval, I approve its positive decisions."</summary>
    SecondApproval,
    /// <summary>"I change this tube's call, for the reason given."</summary>
    Override,
    /// <summary>The lab's policy released negatives of a plate whose QC passed, without a reviewer.</summary>
    AutoRelease,
}

/// <summary>Who signs: the account, its role when signing, and how the account appears in histories.</summary>
public sealed record Signer(string UserName, StaffRole Role)
{
    public string Actor => StaffUser.ActorOf(UserName);
}

/// <summary>An electronic signature: who, in which role, meaning what, when, and for an override why.</summary>
public sealed record ReviewSignature(int Sequence, string UserName, string Role, SignatureMeaning Meaning, DateTimeOffset SignedAt, string? TubeBarcode, string? Reason);

/// <summary>One called tube of the plate under review.</summary>
public sealed record ReviewItem(TubeId TubeId, Barcode Barcode, string Well, TubeCall Call, TubeCall OriginalCall, ReviewItemState State)
{
    public bool Overridden => Call != OriginalCall;
}

/// <summary>A rule says this person may not do this (answered 403): their own plate, a second approval by the wrong person.</summary>
public sealed class ReviewForbiddenException(string code, string message) : DomainException(code, message);

/// <summary>
/// The review of one imported run: the tubes it called positive or negative, and the signatures on them.
/// <list type="bullet">
/// <item>Nobody reviews a plate they created, loaded, sealed or whose run they imported.</item>
/// <item>The first approval (a reviewer or senior reviewer) approves the negatives the kit called negative.</item>
/// <item>A positive decision — a positive call, and any change of a call to or from positive — needs the approvals of two
/// different senior reviewers, neither of them the one who overrode the call (PRODUCT.md: "positives and any change of a
/// positive call by two different senior reviewers"). A senior's first approval counts as one of the two.</item>
/// <item>A call is overridden (positive ↔ negative) before the first approval, with a reason; tubes go back to retest with a reason
/// until they are released.</item>
/// <item>Release releases the approved tubes; releasing a plate nobody approved is refused.</item>
/// </list>
/// </summary>
public sealed class PlateReview : AggregateRoot
{
    private readonly List<ReviewItem> _items = [];
    private readonly List<ReviewSignature> _signatures = [];
    private readonly List<string> _plateActors = [];

    private PlateReview() { }

    public PlateReviewId Id { get; private set; }
    public PlateId PlateId { get; private set; }
    public Barcode PlateBarcode { get; private set; }
    public PlateRunId RunId { get; private set; }
    public bool QcPassed { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }
    public ReviewStatus Status { get; private set; }
    public DateTimeOffset? DoneAt { get; private set; }
    public int Version { get; private set; }

    public IReadOnlyList<ReviewItem> Items => _items.AsReadOnly();
    public IReadOnlyList<ReviewSignature> Signatures => _signatures.AsReadOnly();
    /// <summary>Everyone who created, loaded, sealed the plate or imported its run: none of them may review it.</summary>
    public IReadOnlyList<string> PlateActors => _plateActors.AsReadOnly();

    /// <summary>How the lab's auto-release policy appears in tube histories when it releases negatives.</summary>
    public const string AutoReleaseActor = "system:auto-release";

    public ReviewSignature? FirstApproval => _signatures.Find(s => s.Meaning == SignatureMeaning.Approval);
    public ReviewSignature? SecondApproval => _signatures.Find(s => s.Meaning == SignatureMeaning.SecondApproval);

    /// <summary>
    /// The review of an imported run, or null when it called no tube positive or negative. Nobody who created, loaded or
    /// sealed the plate, or imported the run, may review it.
    /// </summary>
    public static PlateReview? ForRun(PlateRun run, Plate plate, IReadOnlyDictionary<TubeId, Tube> tubes, IReadOnlyList<TubeResult> results, DateTimeOffset at)
    {
        var called = results.Where(r => r.Outcome == TubeOutcome.Called).ToList();
        if (called.Count == 0) return null;
        var items = called.Select(r => new ReviewItem(r.TubeId, r.Barcode, r.Well.ToString(), tubes[r.TubeId].Call!.Value, tubes[r.TubeId].Call!.Value, ReviewItemState.Pending));
        var loaders = tubes.Values.SelectMany(t => t.History.Where(h => h.To == TubeStatus.Plated).TakeLast(1).Select(h => h.Actor));
        return Open(run, items, [plate.CreatedBy, plate.SealedBy ?? "", run.ImportedBy, .. loaders], at);
    }

    public static PlateReview Open(PlateRun run, IEnumerable<ReviewItem> calledTubes, IEnumerable<string> plateActors, DateTimeOffset at)
    {
        var review = new PlateReview
        {
            Id = PlateReviewId.New(), PlateId = run.PlateId, PlateBarcode = run.PlateBarcode, RunId = run.Id, QcPassed = run.QcPassed,
            OpenedAt = at.ToUniversalTime(), Status = ReviewStatus.AwaitingReview,
        };
        review._items.AddRange(calledTubes);
        foreach (var call in review._items)
            if (call.Call is not (TubeCall.Positive or TubeCall.Negative))
                throw new DomainException("call-not-final", $"Tube {call.Barcode} is {call.Call.ToWire()}: only positive and negative calls are reviewed.");
        review._plateActors.AddRange(plateActors.Where(a => !string.IsNullOrWhiteSpace(a)).Distinct());
        review.Recompute(at);
        return review;
    }

    /// <summary>
    /// The lab's policy: negatives of a plate whose QC passed are released without a reviewer. Answers the tubes to release.
    /// </summary>
    public IReadOnlyList<ReviewItem> AutoReleaseNegatives(DateTimeOffset at)
    {
        if (!QcPassed) return [];
        var negatives = _items.Where(i => i.State == ReviewItemState.Pending && !IsPositiveDecision(i)).ToList();
        if (negatives.Count == 0) return [];
        Sign(new Signer("auto-release", StaffRole.Admin), SignatureMeaning.AutoRelease, at, null, "lab policy: negatives of a plate whose QC passed");
        SetState(negatives, ReviewItemState.Released);
        Recompute(at);
        Raise(new ResultsReleased(this, negatives, at.ToUniversalTime(), AutoReleaseActor, ByPolicy: true));
        return negatives;
    }

    /// <summary>Senior approvals a positive decision needs.</summary>
    public const int SeniorApprovalsForPositive = 2;

    /// <summary>
    /// A positive decision: the tube is called positive, or its call was changed from positive (a positive turned into
    /// anything else is a positive decision too, and so is the reverse).
    /// </summary>
    public static bool IsPositiveDecision(ReviewItem item) => item.Call == TubeCall.Positive || item.OriginalCall == TubeCall.Positive;

    /// <summary>
    /// Approves the plate with one signature: the first approval approves its plain negatives; a senior reviewer's approval
    /// counts towards every pending positive decision whose call they did not override, and a decision with two such
    /// senior approvals is approved.
    /// </summary>
    /// <returns>The tubes this signature approved.</returns>
    public IReadOnlyList<ReviewItem> Approve(Signer signer, DateTimeOffset at)
    {
        EnsureMayReview(signer);
        var first = FirstApproval is null;
        var pendingPositive = _items.Where(i => i.State == ReviewItemState.Pending && IsPositiveDecision(i)).ToList();
        if (!first)
        {
            if (pendingPositive.Count == 0)
                throw new DomainException("already-approved", $"Plate {PlateBarcode} is approved already ({Status.ToWire()}): there is nothing left to approve.");
            if (Approvals.Any(s => SameUser(s.UserName, signer.UserName)))
                throw new ReviewForbiddenException("same-reviewer",
                    $"{signer.UserName} approved plate {PlateBarcode} already: its positive decisions need the approvals of two different senior reviewers.");
            if (signer.Role != StaffRole.SeniorReviewer)
                throw new ReviewForbiddenException("senior-reviewer-required",
                    $"The positive decisions of plate {PlateBarcode} need the approvals of two different senior reviewers; {signer.UserName} is a {signer.Role.ToWire()}.");
            if (pendingPositive.TrueForAll(i => OverriddenBy(i, signer.UserName)))
                throw new ReviewForbiddenException("overrider",
                    $"{signer.UserName} overrode the calls that wait on plate {PlateBarcode}: two other senior reviewers approve them.");
        }
        Sign(signer, first ? SignatureMeaning.Approval : SignatureMeaning.SecondApproval, at, null, null);
        var approved = first ? _items.Where(i => i.State == ReviewItemState.Pending && !IsPositiveDecision(i)).ToList() : [];
        approved.AddRange(pendingPositive.Where(i => SeniorApprovals(i).Count() >= SeniorApprovalsForPositive));
        return Approved(approved, signer, at);
    }

    /// <summary>The approvals of the plate, in order.</summary>
    private IEnumerable<ReviewSignature> Approvals =>
        _signatures.Where(s => s.Meaning is SignatureMeaning.Approval or SignatureMeaning.SecondApproval);

    /// <summary>The approvals that count towards a positive decision: by senior reviewers, none of them its overrider.</summary>
    private IEnumerable<ReviewSignature> SeniorApprovals(ReviewItem item) =>
        Approvals.Where(s => s.Role == StaffRole.SeniorReviewer.ToWire() && !OverriddenBy(item, s.UserName))
            .DistinctBy(s => s.UserName, StringComparer.OrdinalIgnoreCase);

    private bool OverriddenBy(ReviewItem item, string userName) =>
        _signatures.Exists(s => s.Meaning == SignatureMeaning.Override && s.TubeBarcode == item.Barcode.Value && SameUser(s.UserName, userName));

    private static bool SameUser(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private List<ReviewItem> Approved(List<ReviewItem> approved, Signer signer, DateTimeOffset at)
    {
        SetState(approved, ReviewItemState.Approved);
        Recompute(at);
        if (approved.Count > 0) Raise(new TubesApproved(Id, approved, at.ToUniversalTime(), signer.Actor));
        return approved;
    }

    /// <summary>Changes a tube's call (positive ↔ negative) before the first approval; the reason is mandatory.</summary>
    public ReviewItem Override(Signer signer, Barcode tube, TubeCall call, string reason, DateTimeOffset at)
    {
        EnsureMayReview(signer);
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("reason-required", "An override says why.");
        if (call is not (TubeCall.Positive or TubeCall.Negative))
            throw new DomainException("invalid-call", "A call is overridden to positive or negative; to retest a tube, send it back to retest.");
        if (Status != ReviewStatus.AwaitingReview)
            throw new DomainException("review-signed", $"Plate {PlateBarcode} has been approved already: its calls can no longer be overridden (send a tube back to retest instead).");
        var index = IndexOf(tube);
        var item = _items[index];
        if (item.Call == call) throw new DomainException("same-call", $"Tube {tube} is {call.ToWire()} already.");
        _items[index] = item with { Call = call };
        Sign(signer, SignatureMeaning.Override, at, tube.Value, reason.Trim());
        Recompute(at);
        Raise(new ReviewCallOverridden(Id, _items[index], call, reason.Trim(), at.ToUniversalTime(), signer.Actor));
        return _items[index];
    }

    /// <summary>Sends tubes that are not released yet back to retest on a new plate.</summary>
    public IReadOnlyList<ReviewItem> SendToRetest(Signer signer, IReadOnlyList<Barcode> tubes, string reason, DateTimeOffset at)
    {
        EnsureMayReview(signer);
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("reason-required", "Sending a tube back to retest says why.");
        if (tubes.Count == 0) throw new DomainException("no-tubes", "Name the tubes to retest.");
        var items = tubes.Distinct().Select(t => _items[IndexOf(t)]).ToList();
        foreach (var item in items)
            if (item.State is ReviewItemState.Released or ReviewItemState.SentToRetest)
                throw new DomainException("tube-not-pending", $"Tube {item.Barcode} is {item.State.ToWire()}: it cannot be sent back to retest from this review.");
        SetState(items, ReviewItemState.SentToRetest);
        Recompute(at);
        Raise(new TubesSentBackByReviewer(Id, items, reason.Trim(), signer.UserName, at.ToUniversalTime(), signer.Actor));
        return items;
    }

    /// <summary>Releases the approved tubes. A plate nobody approved, or with nothing approved left, is refused.</summary>
    public IReadOnlyList<ReviewItem> Release(Signer signer, DateTimeOffset at)
    {
        if (!signer.Role.Reviews()) throw new ReviewForbiddenException("reviewer-required", "Only reviewers release results.");
        if (FirstApproval is null)
            throw new DomainException("not-reviewed", $"Plate {PlateBarcode} has not been reviewed: approve it before releasing.");
        var approved = _items.Where(i => i.State == ReviewItemState.Approved).ToList();
        if (approved.Count == 0)
            throw new DomainException("nothing-to-release", Status == ReviewStatus.AwaitingSecondApproval
                ? $"Plate {PlateBarcode}'s positives wait for a second approval by a different senior reviewer; nothing else is left to release."
                : $"Plate {PlateBarcode} has no approved tube left to release.");
        SetState(approved, ReviewItemState.Released);
        Recompute(at);
        Raise(new ResultsReleased(this, approved, at.ToUniversalTime(), signer.Actor, ByPolicy: false));
        return approved;
    }

    /// <summary>
    /// The signatures standing behind a tube's result: overrides of it, and the approvals that decided it — the first
    /// approval for a plain negative, the counting senior approvals for a positive decision — or the auto-release.
    /// </summary>
    public IEnumerable<ReviewSignature> SignaturesFor(ReviewItem item)
    {
        var positive = IsPositiveDecision(item);
        var counted = positive ? SeniorApprovals(item).ToHashSet() : [];
        return _signatures.Where(s => s.Meaning switch
        {
            SignatureMeaning.Approval => positive ? counted.Contains(s) : true,
            SignatureMeaning.SecondApproval => counted.Contains(s),
            SignatureMeaning.Override => s.TubeBarcode == item.Barcode.Value,
            SignatureMeaning.AutoRelease => !positive && FirstApproval is null,
            _ => false,
        });
    }

    private void EnsureMayReview(Signer signer)
    {
        if (!signer.Role.Reviews())
            throw new ReviewForbiddenException("reviewer-required", $"{signer.UserName} is a {signer.Role.ToWire()}: only reviewers and senior reviewers review plates.");
        if (_plateActors.Contains(signer.Actor, StringComparer.OrdinalIgnoreCase))
            throw new ReviewForbiddenException("own-plate", $"{signer.UserName} loaded plate {PlateBarcode} or imported its run: somebody else must review it.");
        if (Status == ReviewStatus.Done) throw new DomainException("review-done", $"The review of plate {PlateBarcode} is done.");
    }

    private int IndexOf(Barcode tube)
    {
        var index = _items.FindIndex(i => i.Barcode == tube);
        return index >= 0 ? index : throw new DomainException("tube-not-in-review", $"Tube {tube} is not one of the called tubes of plate {PlateBarcode}'s run.");
    }

    private void Sign(Signer signer, SignatureMeaning meaning, DateTimeOffset at, string? tube, string? reason) =>
        _signatures.Add(new ReviewSignature(_signatures.Count + 1, signer.UserName, signer.Role.ToWire(), meaning, at.ToUniversalTime(), tube, reason));

    private void SetState(IEnumerable<ReviewItem> items, ReviewItemState state)
    {
        foreach (var item in items.ToList()) _items[_items.FindIndex(i => i.TubeId == item.TubeId)] = item with { State = state };
    }

    private void Recompute(DateTimeOffset at)
    {
        var pending = _items.Where(i => i.State == ReviewItemState.Pending).ToList();
        Status = FirstApproval is null && pending.Count > 0 ? ReviewStatus.AwaitingReview
            : pending.Exists(IsPositiveDecision) ? ReviewStatus.AwaitingSecondApproval
            : _items.Exists(i => i.State == ReviewItemState.Approved) ? ReviewStatus.AwaitingRelease
            : pending.Count > 0 ? ReviewStatus.AwaitingReview
            : ReviewStatus.Done;
        if (Status == ReviewStatus.Done) DoneAt ??= at.ToUniversalTime();
        Version++;
    }
}
