using Lims.Application.Abstractions;
using Lims.Domain.Tubes;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Recall;

/// <summary>
/// A single tube ordered by a recall that a run calls positive or negative gives its member the individual result, in
/// the same save (the last one closes the case). Tubes no recall ordered are left alone.
/// </summary>
public sealed class RecordRecallResults(ILimsDbContext db) : IDomainEventHandler<TubeCalled>
{
    public async Task HandleAsync(IReadOnlyList<TubeCalled> events, CancellationToken cancellationToken)
    {
        var final = events.Where(e => e.Kind == TubeKind.Single && e.Call is TubeCall.Positive or TubeCall.Negative).ToList();
        if (final.Count == 0) return;
        var barcodes = final.Select(e => e.Barcode).ToList();
        var cases = await db.RecallCases.Where(c => c.Members.Any(m => barcodes.Contains(m.OrderBarcode))).ToListAsync(cancellationToken);
        foreach (var recall in cases)
            foreach (var called in final)
                if (recall.Members.Any(m => m.OrderBarcode == called.Barcode))
                    recall.RecordResult(called.Barcode, called.Call, called.At);
    }
}
