using Lims.Application.Abstractions;
using Lims.Application.Features.Runs;
using Lims.Domain.Common;
using Lims.Domain.Reviews;
using Lims.Domain.Tubes;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Reviews;

// Review of an imported run: a plate's review with its QC, calls, Ct values and pool decisions, and the signatures on
// it. The rules are PlateReview's; the tubes follow its decisions by its events (TubesFollowTheirReview).

public sealed record ReviewItemView(
    string Tube, string Well, string Kind, int People, string Call, string KitCall, string State, string TubeStatus, PoolDecisionView? Pool,
    IReadOnlyList<RunTargetView> Targets);

/// <summary>What a pooled tube's call means for its people: all negative, or a recall case per member.</summary>
public sealed record PoolDecisionView(string Decision, int Members, string? RecallStatus, int? RecallOutstanding);

public sealed record SignatureView(int Sequence, string User, string Role, string Meaning, DateTimeOffset SignedAt, string? Tube, string? Reason);

public sealed record PlateReviewView(
    string Plate, string Status, RunQcView Qc, DateTimeOffset OpenedAt, IReadOnlyList<string> LoadedBy,
    IReadOnlyList<ReviewItemView> Tubes, IReadOnlyList<SignatureView> Signatures, RunView Run);

internal static class ReviewViews
{
    public static async Task<PlateReviewView> ViewAsync(ILimsDbContext db, PlateReview review, bool curves, CancellationToken cancellationToken)
    {
        var run = await db.PlateRuns.AsNoTracking().SingleAsync(r => r.Id == review.RunId, cancellationToken);
        var ids = review.Items.Select(i => i.TubeId).ToList();
        var tubes = await db.Tubes.AsNoTracking().Where(t => ids.Contains(t.Id))
            .Select(t => new { t.Id, t.Kind, t.Status, People = t.Members.Count }).ToDictionaryAsync(t => t.Id, cancellationToken);
        var recalls = await db.RecallCases.AsNoTracking().Where(r => ids.Contains(r.PoolTubeId))
            .Select(r => new { r.PoolTubeId, r.Status, Outstanding = r.Members.Count(m => m.Result == null) }).ToDictionaryAsync(r => r.PoolTubeId, cancellationToken);
        var runView = await RunViews.ViewAsync(db, run, cancellationToken, curves);
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

    /// <summary>Saves the review and what its events changed, and answers it as it now stands.</summary>
    public static async Task<PlateReviewView> SaveAsync(ILimsDbContext db, PlateReview review, CancellationToken cancellationToken)
    {
        await db.SaveOrConflictAsync(("review-changed", $"The review of plate {review.PlateBarcode} or one of its tubes was changed by someone else at the same time; reload it and try again."),
            null, cancellationToken);
        return await ViewAsync(db, review, false, cancellationToken);
    }
}
