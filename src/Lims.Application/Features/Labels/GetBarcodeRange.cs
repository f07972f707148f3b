using Lims.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lims.Application.Features.Labels;

/// <summary>One issued range.</summary>
public sealed record GetBarcodeRange(Guid Id) : IQuery<BarcodeRangeView>;

public sealed class GetBarcodeRangeHandler(ILimsDbContext db) : IQueryHandler<GetBarcodeRange, BarcodeRangeView>
{
    public async ValueTask<BarcodeRangeView> Handle(GetBarcodeRange query, CancellationToken cancellationToken) =>
        BarcodeRangeView.From(await db.BarcodeAllocations.AsNoTracking().BarcodeRangeAsync(query.Id, cancellationToken));
}
