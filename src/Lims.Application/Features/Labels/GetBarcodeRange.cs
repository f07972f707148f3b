using Lims.Application.Abstractions;
using Lims.Domain.Common;
using Lims.Domain.Labels;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Labels;

/// <summary>
/// One issued range, as the lab sees it, or as a submitter does (<paramref name="Submitter"/> set): only a range issued
/// to that submitter; any other is not found, like an unknown one.
/// </summary>
public sealed record GetBarcodeRange(Guid Id, SubmitterId? Submitter = null) : IQuery<BarcodeRangeView>;

public sealed class GetBarcodeRangeHandler(ILimsDbContext db) : IQueryHandler<GetBarcodeRange, BarcodeRangeView>
{
    public async ValueTask<BarcodeRangeView> Handle(GetBarcodeRange query, CancellationToken cancellationToken) =>
        await BarcodeRangeViews.ViewAsync(db, await BarcodeRangeViews.RangeAsync(db, query.Id, query.Submitter, cancellationToken), cancellationToken);
}
