using Lims.Application.Abstractions;
using Lims.Domain.Tubes;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Reviews;

/// <summary>A plate's review: QC, every called tube with its Ct values and pool decision, the signatures (curves when asked for).</summary>
public sealed record GetPlateReview(string Plate, bool Curves) : IQuery<PlateReviewView>;

public sealed class GetPlateReviewHandler(ILimsDbContext db) : IQueryHandler<GetPlateReview, PlateReviewView>
{
    public async ValueTask<PlateReviewView> Handle(GetPlateReview query, CancellationToken cancellationToken)
    {
        var review = Barcode.TryParse(query.Plate, out var barcode)
            ? await db.PlateReviews.AsNoTracking().SingleOrDefaultAsync(r => r.PlateBarcode == barcode, cancellationToken)
            : null;
        return review is null
            ? throw new NotFoundException($"Plate {query.Plate} has no run to review.")
            : await ReviewViews.ViewAsync(db, review, query.Curves, cancellationToken);
    }
}
