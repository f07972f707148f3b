using Lims.Application.Abstractions;
using Lims.Domain.Results;
using Lims.Domain.Tubes;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Recall;

/// <summary>
/// A single tube ordered by a recall gives its member the individual result when it is released — not before, so a case
/// never shows a result the lab has not signed — and only when the tube carries that member themself (the person's keyed
/// id hash), in the release's save; the last one closes the case. Released tubes no recall ordered are left alone.
/// </summary>
public sealed class RecordRecallResults(ILimsDbContext db) : IDomainEventHandler<ResultReleased>
{
    public async Task HandleAsync(IReadOnlyList<ResultReleased> events, CancellationToken cancellationToken)
    {
        var singles = events.Select(e => e.Result).Where(r => r.Kind == TubeKind.Single && r.People.Count == 1).ToList();
        if (singles.Count == 0) return;
        var barcodes = singles.Select(r => r.Barcode).ToList();
        var cases = await db.RecallCases.Where(c => c.Members.Any(m => barcodes.Contains(m.OrderBarcode))).ToListAsync(cancellationToken);
        foreach (var recall in cases)
            foreach (var released in singles)
                if (recall.Members.Any(m => m.OrderBarcode == released.Barcode))
                    recall.RecordResult(released.Barcode, released.People[0].PersonLookupHash, released.Call, released.ReleasedAt);
    }
}
