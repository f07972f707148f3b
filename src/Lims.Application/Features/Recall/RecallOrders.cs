using Lims.Application.Abstractions;
using Lims.Application.Features.Labels;
using Lims.Domain.Labels;
using Lims.Domain.Pools.Recall;

namespace Lims.Application.Features.Recall;

/// <summary>
/// Opens the recall cases of positive pools, set-based, in the caller's transaction: one new single-tube barcode per
/// member, issued from the database as ranges of the recall prefix (they join the caller's unit of work), and the cases
/// written by the provider's bulk writer (on PostgreSQL inside the database). A pool is recalled once: the writer skips
/// pools that have a case.
/// </summary>
public sealed class RecallOrders(ILimsDbContext db, ITransactionLocks locks, IRecallCaseWriter writer, TimeProvider time, RecallSettings settings)
{
    public async Task<IReadOnlyList<RecallCaseId>> OpenAsync(IReadOnlyList<PositivePoolHeader> pools, string actor, CancellationToken cancellationToken)
    {
        var withPeople = pools.Where(p => p.Members > 0).DistinctBy(p => p.Tube).ToList();
        if (withPeople.Count == 0) return [];
        var orders = await IssueAsync(withPeople.Sum(p => p.Members), withPeople.Count, actor, cancellationToken);
        return await writer.WriteAsync(RecallPass.Plan(withPeople, orders, time.GetUtcNow(), settings.Deadline), cancellationToken);
    }

    /// <summary>The ranges of the single tubes to order.</summary>
    private async Task<List<BarcodeRange>> IssueAsync(int count, int pools, string actor, CancellationToken cancellationToken)
    {
        var ranges = new List<BarcodeRange>();
        for (var issued = 0; issued < count;)
        {
            var size = Math.Min(BarcodeRange.MaxCount, count - issued);
            var (allocation, _) = await BarcodeRanges.IssueAsync(
                db, locks, time, settings.BarcodePrefix, size, LabelKind.Tube, $"recall orders for {pools:N0} positive pool(s)", null, actor, cancellationToken);
            ranges.Add(allocation.Range);
            issued += size;
        }
        return ranges;
    }
}
