using Lims.Application.Abstractions;
using Lims.Domain.Tubes;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Tubes;

/// <summary>
/// The stored barcodes of tubes, boxes, plates and inactivation batches that do not pass the current barcode rule
/// (<see cref="Barcode.Check"/>): made under the earlier one, they may be unreachable in a URL or unsafe in a CSV file.
/// Every barcode is read once, as a stream; only those that fail are kept.
/// </summary>
public sealed record CheckStoredBarcodes : IQuery<StoredBarcodeCheck>;

/// <param name="Checked">How many stored barcodes were read.</param>
public sealed record StoredBarcodeCheck(long Checked, IReadOnlyList<FailingBarcode> Failing);

/// <param name="Kind"><c>tube</c>, <c>box</c>, <c>plate</c> or <c>inactivation-batch</c>.</param>
public sealed record FailingBarcode(string Kind, string Barcode, string Reason);

public sealed class CheckStoredBarcodesHandler(ILimsDbContext db) : IQueryHandler<CheckStoredBarcodes, StoredBarcodeCheck>
{
    public async ValueTask<StoredBarcodeCheck> Handle(CheckStoredBarcodes query, CancellationToken cancellationToken)
    {
        var failing = new List<FailingBarcode>();
        long count = 0;
        foreach (var (kind, barcodes) in new (string, IQueryable<Barcode>)[]
                 {
                     ("tube", db.Tubes.AsNoTracking().OrderBy(t => t.Barcode).Select(t => t.Barcode)),
                     ("box", db.Boxes.AsNoTracking().OrderBy(b => b.Barcode).Select(b => b.Barcode)),
                     ("plate", db.Plates.AsNoTracking().OrderBy(p => p.Barcode).Select(p => p.Barcode)),
                     ("inactivation-batch", db.InactivationBatches.AsNoTracking().OrderBy(b => b.Code).Select(b => b.Code)),
                 })
        {
            await foreach (var barcode in barcodes.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                count++;
                if (Barcode.Check(barcode.Value) is { } reason) failing.Add(new FailingBarcode(kind, barcode.Value, reason));
            }
        }
        return new StoredBarcodeCheck(count, failing);
    }
}
