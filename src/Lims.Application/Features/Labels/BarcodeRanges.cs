using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Lims.Domain.Labels;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Labels;

/// <summary>Issuing a range, for every use case that needs new barcodes (a lab's label run, a recall's tube orders).</summary>
internal static class BarcodeRanges
{
    // A request loses a round only to another one that took the same start at the same moment, so even a burst of
    // requests for one prefix gets through in a few; this many lost in a row means the database refuses for another reason.
    private const int MaxAttempts = 25;

    /// <summary>Issues and saves a range; with an idempotency key already used for the same request, answers that range (Replayed).</summary>
    public static async Task<(BarcodeAllocation Allocation, bool Replayed)> IssueAsync(
        ILimsDbContext db, TimeProvider time, string prefix, int count, LabelKind kind, string? purpose, string? idempotencyKey, string actor,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (idempotencyKey is { } key
                && await db.BarcodeAllocations.AsNoTracking().SingleOrDefaultAsync(a => a.IdempotencyKey == key, cancellationToken) is { } earlier)
            {
                return earlier.IsSameRequest(prefix, count, kind, purpose)
                    ? (earlier, true)
                    : throw new ConflictException("idempotency-key-reused",
                        $"Idempotency key '{key}' was already used for another range ({earlier.Count} {earlier.Kind.ToWire()} barcodes of {earlier.Prefix}, {earlier.Id}).");
            }

            // Ranges of a prefix follow one another, so the one that starts last also ends last.
            var highest = await db.BarcodeAllocations.AsNoTracking()
                .Where(a => a.Prefix == prefix).OrderByDescending(a => a.First).Select(a => (long?)a.Last)
                .FirstOrDefaultAsync(cancellationToken);
            var allocation = BarcodeAllocation.Issue(BarcodeAllocationId.New(), prefix, highest, count, kind, time.GetUtcNow(), actor, purpose, idempotencyKey);
            db.BarcodeAllocations.Add(allocation);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return (allocation, false);
            }
            catch (DbUpdateException e)
            {
                // Another range took this start, or another request this idempotency key, in the meantime: read again.
                db.BarcodeAllocations.Entry(allocation).State = EntityState.Detached;
                if (attempt == MaxAttempts)
                    throw new ConflictException("barcode-range-busy",
                        $"No range of {prefix} could be issued after {MaxAttempts} attempts ({e.InnerException?.Message ?? e.Message}); try again.");
                await Task.Delay(Random.Shared.Next(1, 4 * attempt), cancellationToken);
            }
        }
    }
}
