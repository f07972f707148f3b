using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Lims.Domain.Reviews;
using Lims.Domain.Tubes;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Reviews;

public sealed record ReviewQueueItem(string Plate, string Status, bool QcPassed, DateTimeOffset OpenedAt, int Positives, int Negatives, int Pending, int Overridden);

/// <summary>The plates waiting for review, oldest first (with <paramref name="IncludeDone"/>, the done ones too).</summary>
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
