using Lims.Application.Abstractions;
using Lims.Application.Features.Results;
using Lims.Application.Features.Runs;
using Lims.Domain.Common;
using Lims.Domain.Plates;
using Lims.Domain.Pools.Recall;
using Lims.Domain.Reviews;
using Lims.Domain.Runs;
using Lims.Domain.Staff;
using Lims.Domain.Tubes;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Reviews;

// Review of an imported run: the queue, a plate's review with its QC, calls, Ct values and pool decisions, and the
// signed actions — approve, override a call, send tubes back to retest, release. The rules are PlateReview's.

public sealed record ReviewQueueItem(string Plate, string Status, bool QcPassed, DateTimeOffset OpenedAt, int Positives, int Negatives, int Pending, int Overridden);

public sealed record GetReviewQueue(bool IncludeDone = false) : IQuery<IReadOnlyList<ReviewQueueItem>>;

public sealed class GetReviewQueueHandler(ILimsDbContext db) : IQueryHandler<GetReviewQueue, IReadOnlyList<ReviewQueueItem>>
{
    public async ValueTask<IReadOnlyList<ReviewQueueItem>> Handle(GetReviewQueue query, CancellationToken cancellationToken)
    {
        var reviews = await db.PlateReviews.AsNoTracking()
            .Where(r => query.IncludeDone || r.Status != ReviewStatus.Done)
            .OrderBy(r => r.OpenedAt).Take(500).ToListAsync(cancellationToken);
        return [.. reviews.Select(r => new ReviewQueueItem(r.PlateBarcode.Value, r.Status.ToWire(), r.QcPassed, r.OpenedAt,
            r.Items.Count(i => i.Call == TubeCall.Positive), r.Items.Count(i => i.Call == TubeCall.Negative),
            r.Items.Count(i => i.State == ReviewItemState.Pending), r.Items.Count(i => i.Overridden)))];
    }
}

public sealed record ReviewItemView(
    string Tube, string Well, string Kind, int People, string Call, string KitCall, string State, string TubeStatus, PoolDecisionView? Pool,
    IReadOnlyList<RunTargetView> Targets);

/// <summary>What a pooled tube's call means for its people: all negative, or a recall case per member.</summary>
public sealed record PoolDecisionView(string Decision, int Members, string? RecallStatus, int? RecallOutstanding);

public sealed record SignatureView(int Sequence, string User, string Role, string Meaning, DateTimeOffset SignedAt, string? Tube, string? Reason);

public sealed record PlateReviewView(
    string Plate, string Status, RunQcView Qc, DateTimeOffset OpenedAt, IReadOnlyList<string> LoadedBy,
    IReadOnlyList<ReviewItemView> Tubes, IReadOnlyList<SignatureView> Signatures, RunView Run);

public sealed record GetPlateReview(string Plate, bool Curves) : IQuery<PlateReviewView?>;

public sealed class GetPlateReviewHandler(ILimsDbContext db) : IQueryHandler<GetPlateReview, PlateReviewView?>
{
    public async ValueTask<PlateReviewView?> Handle(GetPlateReview query, CancellationToken cancellationToken)
    {
        if (!Barcode.TryCreate(query.Plate, out var barcode, out _)) return null;
        var review = await db.PlateReviews.AsNoTracking().SingleOrDefaultAsync(r => r.PlateBarcode == barcode, cancellationToken);
        if (review is null) return null;
        return await ReviewViews.ViewAsync(db, review, query.Curves, cancellationToken);
    }
}

/// <summary>Approves the plate with the reviewer's electronic signature (the password re-entered).</summary>
public sealed record ApprovePlate(string Plate, string UserName, string Password) : ICommand<PlateReviewView>;

/// <summary>Changes one tube's call before the first approval, signed, with a mandatory reason.</summary>
public sealed record OverrideCall(string Plate, string Tube, string Call, string Reason, string UserName, string Password) : ICommand<PlateReviewView>;

/// <summary>Sends tubes of the review back to retest on a new plate, with a reason.</summary>
public sealed record SendToRetest(string Plate, IReadOnlyList<string> Tubes, string Reason, string UserName) : ICommand<PlateReviewView>;

/// <summary>Releases the approved tubes of the plate: per-tube and per-person results go out.</summary>
public sealed record ReleasePlate(string Plate, string UserName) : ICommand<PlateReviewView>;

public sealed class ReviewHandlers(ILimsDbContext db, IStaffAccounts accounts, IWebhookDispatcher webhooks, ILookupHasher hasher, TimeProvider time) :
    ICommandHandler<ApprovePlate, PlateReviewView>, ICommandHandler<OverrideCall, PlateReviewView>,
    ICommandHandler<SendToRetest, PlateReviewView>, ICommandHandler<ReleasePlate, PlateReviewView>
{
    public async ValueTask<PlateReviewView> Handle(ApprovePlate command, CancellationToken cancellationToken)
    {
        var review = await ReviewViews.FindAsync(db, command.Plate, cancellationToken);
        var signer = await SignAsync(command.UserName, command.Password, cancellationToken);
        var at = time.GetUtcNow();
        var approved = review.Approve(signer, at);
        var tubes = await TubesAsync(approved, cancellationToken);
        foreach (var item in approved) tubes[item.TubeId].Review(at, signer.Actor);
        return await SaveAsync(review, cancellationToken);
    }

    public async ValueTask<PlateReviewView> Handle(OverrideCall command, CancellationToken cancellationToken)
    {
        var review = await ReviewViews.FindAsync(db, command.Plate, cancellationToken);
        if (!Barcode.TryCreate(command.Tube, out var barcode, out var error))
            throw new RequestValidationException(new Dictionary<string, string[]> { ["tube"] = [error!] });
        TubeCall? call = command.Call?.Trim().ToLowerInvariant() switch { "positive" => TubeCall.Positive, "negative" => TubeCall.Negative, _ => null };
        if (call is null)
            throw new RequestValidationException(new Dictionary<string, string[]> { ["call"] = ["A call is overridden to 'positive' or 'negative'."] });
        if (string.IsNullOrWhiteSpace(command.Reason))
            throw new RequestValidationException(new Dictionary<string, string[]> { ["reason"] = ["An override says why."] });
        var signer = await SignAsync(command.UserName, command.Password, cancellationToken);
        var at = time.GetUtcNow();
        var item = review.Override(signer, barcode, call.Value, command.Reason, at);
        var tube = (await TubesAsync([item], cancellationToken))[item.TubeId];
        tube.OverrideCall(call.Value, command.Reason, at, signer.Actor);
        // A pool no longer positive needs no recall; a pool now positive gets one (the recurring job opens it if this cannot).
        if (tube.Kind == TubeKind.Pooled && call == TubeCall.Negative)
            await CancelRecallAsync(tube, $"pool call overridden to negative by {signer.UserName}: {command.Reason.Trim()}", at, cancellationToken);
        return await SaveAsync(review, cancellationToken);
    }

    public async ValueTask<PlateReviewView> Handle(SendToRetest command, CancellationToken cancellationToken)
    {
        var review = await ReviewViews.FindAsync(db, command.Plate, cancellationToken);
        if (string.IsNullOrWhiteSpace(command.Reason))
            throw new RequestValidationException(new Dictionary<string, string[]> { ["reason"] = ["Sending tubes back to retest says why."] });
        var barcodes = new List<Barcode>();
        foreach (var code in command.Tubes ?? [])
            barcodes.Add(Barcode.TryCreate(code, out var b, out var error)
                ? b : throw new RequestValidationException(new Dictionary<string, string[]> { ["tubes"] = [$"{code}: {error}"] }));
        var signer = await SignerAsync(command.UserName, cancellationToken);
        var at = time.GetUtcNow();
        var items = review.SendToRetest(signer, barcodes, command.Reason, at);
        var tubes = await TubesAsync(items, cancellationToken);
        foreach (var item in items)
        {
            var tube = tubes[item.TubeId];
            if (tube.Kind == TubeKind.Pooled && tube.Call == TubeCall.Positive)
                await CancelRecallAsync(tube, $"pool sent back to retest by {signer.UserName}: {command.Reason.Trim()}", at, cancellationToken);
            tube.SendToRetest($"reviewer {signer.UserName}: {command.Reason.Trim()}", at, signer.Actor);
        }
        return await SaveAsync(review, cancellationToken);
    }

    public async ValueTask<PlateReviewView> Handle(ReleasePlate command, CancellationToken cancellationToken)
    {
        var review = await ReviewViews.FindAsync(db, command.Plate, cancellationToken);
        var signer = await SignerAsync(command.UserName, cancellationToken);
        var at = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var items = review.Release(signer, at);
        var tubes = await TubesAsync(items, cancellationToken);
        var run = await db.PlateRuns.AsNoTracking().SingleAsync(r => r.Id == review.RunId, cancellationToken);
        var release = await Releases.ReleaseAsync(db, hasher, review, items, tubes, run, at, signer.Actor, cancellationToken);
        var view = await SaveAsync(review, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        release.Dispatch(webhooks);
        return view;
    }

    private async Task<Signer> SignAsync(string userName, string password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(password))
            throw new RequestValidationException(new Dictionary<string, string[]> { ["password"] = ["Sign with your password."] });
        var user = await accounts.SignAsync(userName, password, cancellationToken);
        return new Signer(user.UserName, user.Role);
    }

    private async Task<Signer> SignerAsync(string userName, CancellationToken cancellationToken)
    {
        var user = await db.StaffUsers.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedUserName == userName.ToUpperInvariant(), cancellationToken)
            ?? throw new ForbiddenException("staff-only", "Only staff accounts review plates.");
        return new Signer(user.UserName, user.Role);
    }

    private async Task<Dictionary<TubeId, Tube>> TubesAsync(IReadOnlyList<ReviewItem> items, CancellationToken cancellationToken)
    {
        var ids = items.Select(i => i.TubeId).ToList();
        return await db.Tubes.Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
    }

    private async Task CancelRecallAsync(Tube pool, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var recall = await db.RecallCases.SingleOrDefaultAsync(r => r.PoolTubeId == pool.Id, cancellationToken);
        recall?.Cancel(reason, at);
    }

    private async Task<PlateReviewView> SaveAsync(PlateReview review, CancellationToken cancellationToken)
    {
        await db.SaveOrConflictAsync(("review-changed", $"The review of plate {review.PlateBarcode} or one of its tubes was changed by someone else at the same time; reload it and try again."),
            null, cancellationToken);
        return await ReviewViews.ViewAsync(db, review, false, cancellationToken);
    }
}

internal static class ReviewViews
{
    public static async Task<PlateReview> FindAsync(ILimsDbContext db, string plate, CancellationToken cancellationToken)
    {
        if (!Barcode.TryCreate(plate, out var barcode, out _)) throw new NotFoundException($"There is no plate '{plate}'.");
        return await db.PlateReviews.SingleOrDefaultAsync(r => r.PlateBarcode == barcode, cancellationToken)
            ?? (await db.Plates.AnyAsync(p => p.Barcode == barcode, cancellationToken)
                ? throw new ConflictException("no-run", $"Plate {barcode} has no interpreted run to review yet.")
                : throw new NotFoundException($"There is no plate '{plate}'."));
    }

    /// <summary>
    /// Opens the review of a run that called tubes positive or negative; nobody who created, loaded or sealed the plate or
    /// imported the run may review it. With the lab's policy on, the negatives of a plate whose QC passed are released at once.
    /// </summary>
    public static PlateReview? Open(PlateRun run, Plate plate, IReadOnlyDictionary<TubeId, Tube> tubes, IReadOnlyList<TubeResult> results, DateTimeOffset at)
    {
        var called = results.Where(r => r.Outcome == TubeOutcome.Called).ToList();
        if (called.Count == 0) return null;
        var items = called.Select(r => new ReviewItem(r.TubeId, r.Barcode, r.Well.ToString(), tubes[r.TubeId].Call!.Value, tubes[r.TubeId].Call!.Value, ReviewItemState.Pending));
        var loaders = tubes.Values.SelectMany(t => t.History.Where(h => h.To == TubeStatus.Plated).TakeLast(1).Select(h => h.Actor));
        return PlateReview.Open(run, items, [plate.CreatedBy, plate.SealedBy ?? "", run.ImportedBy, .. loaders], at);
    }

    public static async Task<PlateReviewView> ViewAsync(ILimsDbContext db, PlateReview review, bool curves, CancellationToken cancellationToken)
    {
        var run = await db.PlateRuns.AsNoTracking().SingleAsync(r => r.Id == review.RunId, cancellationToken);
        var ids = review.Items.Select(i => i.TubeId).ToList();
        var tubes = await db.Tubes.AsNoTracking().Where(t => ids.Contains(t.Id))
            .Select(t => new { t.Id, t.Kind, t.Status, People = t.Members.Count }).ToDictionaryAsync(t => t.Id, cancellationToken);
        var recalls = await db.RecallCases.AsNoTracking().Where(r => ids.Contains(r.PoolTubeId))
            .Select(r => new { r.PoolTubeId, r.Status, Outstanding = r.Members.Count(m => m.Result == null) }).ToDictionaryAsync(r => r.PoolTubeId, cancellationToken);
        var runView = await Lims.Application.Features.Runs.Runs.ViewAsync(db, run, cancellationToken, curves);
        return new PlateReviewView(
            review.PlateBarcode.Value, review.Status.ToWire(), runView.Qc, review.OpenedAt, review.PlateActors,
            [.. review.Items.Select(i =>
            {
                var tube = tubes[i.TubeId];
                PoolDecisionView? pool = tube.Kind != TubeKind.Pooled ? null
                    : i.Call == TubeCall.Negative ? new PoolDecisionView("all-members-negative", tube.People, null, null)
                    : recalls.TryGetValue(i.TubeId, out var recall)
                        ? new PoolDecisionView("recall", tube.People, recall.Status.ToWire(), recall.Outstanding)
                        : new PoolDecisionView("recall", tube.People, null, null);
                return new ReviewItemView(i.Barcode.Value, i.Well, tube.Kind.ToWire(), tube.People,
                    i.Call.ToWire(), i.OriginalCall.ToWire(), i.State.ToWire(), tube.Status.ToWire(), pool,
                    [.. runView.Wells.Where(w => w.Tube == i.Barcode.Value).SelectMany(w => w.Targets)]);
            })],
            [.. review.Signatures.Select(s => new SignatureView(s.Sequence, s.UserName, s.Role, s.Meaning.ToWire(), s.SignedAt, s.TubeBarcode, s.Reason))],
            runView);
    }
}
