using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Lims.Domain.Labels;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Labels;

/// <summary>
/// Issuing a range, for every use case that needs new barcodes (a lab's label run, a recall's tube orders), in the
/// caller's transaction: the prefix is locked until it ends, so two issues of one prefix follow one another instead of
/// racing for the same start, and the range joins the caller's unit of work (its save writes it, with the audit trail).
/// </summary>
internal static class BarcodeRanges
{
    /// <summary>The next range of the prefix, added to the unit of work; with an idempotency key already used for the same request, that range (Replayed).</summary>
    /// <param name="submitter">The submitter the range is issued to, if any: it may fetch the range and its labels.</param>
    public static async Task<(BarcodeAllocation Allocation, bool Replayed)> IssueAsync(
        ILimsDbContext db, ITransactionLocks locks, TimeProvider time, string prefix, int count, LabelKind kind, string? purpose, string? idempotencyKey,
        string actor, CancellationToken cancellationToken, SubmitterId? submitter = null)
    {
        await locks.TakeAsync("barcode-range:" + prefix, cancellationToken);
        if (idempotencyKey is { } key && await EarlierAsync(db, key, prefix, count, kind, purpose, submitter, cancellationToken) is { } earlier) return (earlier, true);

        // Ranges of a prefix follow one another, so the one that starts last also ends last; ranges this unit of work
        // issued already (a recall pass orders several) count too.
        var stored = await db.BarcodeAllocations.AsNoTracking()
            .Where(a => a.Prefix == prefix).OrderByDescending(a => a.First).Select(a => (long?)a.Last)
            .FirstOrDefaultAsync(cancellationToken);
        var pending = db.BarcodeAllocations.Local.Where(a => a.Prefix == prefix).Select(a => (long?)a.Last).Max();
        var highest = pending > stored || stored is null ? pending : stored;
        var allocation = BarcodeAllocation.Issue(BarcodeAllocationId.New(), prefix, highest, count, kind, time.GetUtcNow(), actor, purpose, idempotencyKey, submitter);
        db.BarcodeAllocations.Add(allocation);
        return (allocation, false);
    }

    /// <summary>The range an idempotency key was used for, when it was for the same request; null when the key is new.</summary>
    public static async Task<BarcodeAllocation?> EarlierAsync(
        ILimsDbContext db, string key, string prefix, int count, LabelKind kind, string? purpose, SubmitterId? submitter, CancellationToken cancellationToken)
    {
        var earlier = await db.BarcodeAllocations.AsNoTracking().SingleOrDefaultAsync(a => a.IdempotencyKey == key, cancellationToken);
        return earlier is null || earlier.IsSameRequest(prefix, count, kind, purpose, submitter)
            ? earlier
            : throw new ConflictException("idempotency-key-reused",
                $"Idempotency-Key '{key}' was already used for another range ({earlier.Count} {earlier.Kind.ToWire()} barcodes of {earlier.Prefix}, {earlier.Id}).");
    }
}

/// <summary>How a range is shown: with the code of the submitter it was issued to, read when the range has one.</summary>
internal static class BarcodeRangeViews
{
    /// <summary>The range <paramref name="id"/>; for a submitter only one issued to it (any other is not found, as an unknown one).</summary>
    public static Task<BarcodeAllocation> RangeAsync(ILimsDbContext db, Guid id, SubmitterId? submitter, CancellationToken cancellationToken)
    {
        var ranges = db.BarcodeAllocations.AsNoTracking();
        if (submitter is { } own) ranges = ranges.Where(a => a.SubmitterId == own);
        return ranges.BarcodeRangeAsync(id, cancellationToken);
    }

    public static async Task<BarcodeRangeView> ViewAsync(ILimsDbContext db, BarcodeAllocation allocation, CancellationToken cancellationToken) =>
        BarcodeRangeView.From(allocation, allocation.SubmitterId is { } id
            ? await db.Submitters.AsNoTracking().Where(s => s.Id == id).Select(s => s.Code).SingleAsync(cancellationToken)
            : null);
}
